import { describe, expect, it } from 'vitest';
import {
  BulkCancelWorkflowsRequestSchema,
  BulkForkFromFailureRequestSchema,
  CancelWorkflowRequestSchema,
  ConductorMetricsQuerySchema,
  DeleteWorkflowQuerySchema,
  ForkWorkflowRequestSchema,
  GetWorkflowQuerySchema,
  ListExecutorsQuerySchema,
  ListQueuedWorkflowsQuerySchema,
  ListWorkflowStepsQuerySchema,
  ListWorkflowsQuerySchema,
  MAX_BULK_WORKFLOWS,
  PaginationQuerySchema,
  SearchWorkflowsRequestSchema,
} from '../src';

describe('workflow REST schemas', () => {
  it('reads query strings: booleans as text, lists repeated or comma-separated', () => {
    expect(ListWorkflowsQuerySchema.parse({})).toMatchObject({
      limit: 50,
      offset: 0,
      sortDesc: true,
      loadInput: false,
      loadOutput: false,
    });
    expect(
      ListWorkflowsQuerySchema.parse({ status: 'ERROR, SUCCESS', sortDesc: 'false' }),
    ).toMatchObject({ status: ['ERROR', 'SUCCESS'], sortDesc: false });
    expect(ListWorkflowsQuerySchema.parse({ status: ',' }).status).toBeUndefined();
    expect(DeleteWorkflowQuerySchema.parse({ deleteChildren: 'true' }).deleteChildren).toBe(true);
    // Go's ParseBool spellings, as DBOS Conductor reads them (Python's requests sends `True`).
    for (const [text, value] of [
      ['True', true],
      ['t', true],
      ['FALSE', false],
      ['F', false],
    ]) {
      expect(ListWorkflowsQuerySchema.parse({ sortDesc: text }).sortDesc).toBe(value);
    }
    expect(ListExecutorsQuerySchema.parse({ status: ['HEALTHY'] }).status).toEqual(['HEALTHY']);
    // DBOS's names only: Podium's table says CONNECTED, the API never does.
    expect(ListExecutorsQuerySchema.safeParse({ status: ['CONNECTED'] }).success).toBe(false);
  });

  it('refuses unknown statuses, bad booleans and bad times in queries', () => {
    const result = ListWorkflowsQuerySchema.safeParse({
      status: 'DONE',
      sortDesc: 'yes',
      startTime: '2026-01-01',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(
      expect.arrayContaining(['status', 'sortDesc', 'startTime']),
    );
  });

  it('refuses unknown keys in a search, so a typo cannot widen it', () => {
    const result = SearchWorkflowsRequestSchema.safeParse({ statuses: ['ERROR'] });
    expect(result.success).toBe(false);
  });

  it('refuses unknown query parameters on every listing and read, so a misspelled filter is not dropped', () => {
    const queries = {
      ConductorMetricsQuerySchema,
      DeleteWorkflowQuerySchema,
      GetWorkflowQuerySchema,
      ListExecutorsQuerySchema,
      ListQueuedWorkflowsQuerySchema,
      ListWorkflowStepsQuerySchema,
      ListWorkflowsQuerySchema,
      PaginationQuerySchema,
    };
    for (const [name, schema] of Object.entries(queries)) {
      expect(schema.safeParse({}).success, name).toBe(true);
      const typo = schema.safeParse({ stauts: 'ERROR' });
      expect(typo.error?.issues[0], name).toMatchObject({
        code: 'unrecognized_keys',
        keys: ['stauts'],
      });
    }
  });

  it('drops duplicate ids of a bulk action and caps their number', () => {
    expect(BulkCancelWorkflowsRequestSchema.parse({ workflowIds: ['a', 'b', 'a'] })).toEqual({
      workflowIds: ['a', 'b'],
      cancelChildren: false,
    });
    const tooMany = Array.from({ length: MAX_BULK_WORKFLOWS + 1 }, (_, i) => `w${i}`);
    expect(BulkCancelWorkflowsRequestSchema.safeParse({ workflowIds: tooMany }).success).toBe(
      false,
    );
    expect(BulkCancelWorkflowsRequestSchema.safeParse({ workflowIds: [] }).success).toBe(false);
  });

  it('takes at most one fork-from-failure selector', () => {
    expect(BulkForkFromFailureRequestSchema.safeParse({ workflowIds: ['a'] }).success).toBe(true);
    expect(
      BulkForkFromFailureRequestSchema.safeParse({
        workflowIds: ['a'],
        fromStep: 1,
        fromLastStep: true,
      }).success,
    ).toBe(false);
    const fromLastFailure = { workflowIds: ['a'], fromLastFailure: true };
    expect(BulkForkFromFailureRequestSchema.safeParse(fromLastFailure).success).toBe(true);
    expect(
      BulkForkFromFailureRequestSchema.safeParse({ ...fromLastFailure, fromStepName: 'charge' })
        .success,
    ).toBe(false);
  });

  it('treats an empty action body as all defaults', () => {
    expect(CancelWorkflowRequestSchema.parse({})).toEqual({ cancelChildren: false });
    // DBOS Conductor's fork takes no required field: from the start.
    expect(ForkWorkflowRequestSchema.parse({})).toEqual({ startStep: 0 });
  });
});
