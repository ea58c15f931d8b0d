import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  type GetWorkflowQuery,
  type GetWorkflowResponse,
  type MessageType,
  type RequestFieldsOf,
  type ResponseOf,
  type ListWorkflowStepsQuery,
  type ListWorkflowsBody,
  type ListWorkflowsQuery,
  type SearchWorkflowsRequest,
  type Workflow,
  type WorkflowAggregatesRequest,
  type WorkflowAggregatesResponse,
  type WorkflowSteps,
  type Paginated,
  type WorkflowStep,
  type WorkflowsPage,
} from '@podium/protocol';
import { CONFIG, type Config } from '../../config/config';
import { askEachFamily, type Holders, sendToEachFamily } from '../executors/family-fanout';
import { ExecutorProxy, type SendOptions } from '../executors/proxy/executor-proxy';
import type { AppScope } from '../../common/auth/app-scope';
import {
  lastKnownFilterOfQuery,
  lastKnownFilterOfSearch,
  type LastKnownFilter,
} from './last-known/last-known-filters';
import { isNoExecutorConnected, LastKnownIndex } from './last-known/last-known-index';
import { maxOf, mergeAggregates, minOf, sumOf } from './family-aggregates';
import {
  assertMergedOffset,
  type ListedRow,
  type ListRows,
  listedRows,
  mergedReading,
  mergeListed,
  readListedPage,
  readRows,
} from './family-lists';
import { mapWorkflowAggregate, toAggregatesBody } from './workflow-aggregates.mapper';
import { queryToListBody, searchToListBody, toPage } from './workflow-filters';
import { hasOutput, narrowHolders, readFromHoldingFamily } from './holding-family';
import { wantsPayloads, withPayloads } from './workflow-payloads';
import { mapWorkflow, mapWorkflowStep } from './workflow.mapper';

/** Steps per request when their outputs are loaded (see PAYLOAD_PART_SIZE). */
export const STEP_OUTPUT_PART_SIZE = 100;

/** A workflow's status, and the send options that reach the executors holding it. */
export interface HeldWorkflow {
  readonly status: string | null;
  readonly holders: Holders;
}

/**
 * Workflow reads, answered live by one of the application's executors (for one workflow, one
 * of the SDK family holding it: `holding-family.ts`). Lists and single workflows they answer
 * feed the last-known index, which answers instead (marked `lastKnown`) when no executor of the
 * application is connected.
 */
@Injectable()
export class WorkflowsService {
  constructor(
    private readonly proxy: ExecutorProxy,
    private readonly lastKnown: LastKnownIndex,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  findWorkflows(scope: AppScope, query: ListWorkflowsQuery): Promise<WorkflowsPage> {
    return this.orLastKnownPage(
      scope,
      this.findPage(scope, queryToListBody(query), query.limit, query.offset),
      lastKnownFilterOfQuery(query),
    );
  }

  /** Without `limit`: every match, up to the configured ceiling (TOO_MANY_RESULTS above it). */
  async searchWorkflows(scope: AppScope, search: SearchWorkflowsRequest): Promise<WorkflowsPage> {
    if (search.limit !== undefined) {
      return this.orLastKnownPage(
        scope,
        this.findPage(scope, searchToListBody(search), search.limit, search.offset),
        lastKnownFilterOfSearch(search, search.limit),
      );
    }
    const { maxResults } = this.config.workflowSearch;
    // One more than the ceiling: finding it tells "more than the ceiling" without counting.
    const { nextOffset: _unused, ...page } = await this.orLastKnownPage(
      scope,
      this.findAll(scope, searchToListBody(search), search.offset),
      lastKnownFilterOfSearch(search, maxResults + 1),
    );
    assertWithinCeiling(page.items.length, maxResults);
    return { ...page, limit: maxResults };
  }

  async findAggregates(
    scope: AppScope,
    request: WorkflowAggregatesRequest,
  ): Promise<WorkflowAggregatesResponse> {
    const { parts } = await sendToEachFamily(
      this.proxy,
      scope.applicationId,
      'get_workflow_aggregates',
      () => ({
        body: toAggregatesBody(request),
      }),
    );
    const rows = mergeAggregates(
      parts.map(({ value }) => value.output ?? []),
      (a, b) => ({
        group: a.group,
        count: sumOf(a.count, b.count),
        min_created_at: minOf(a.min_created_at, b.min_created_at),
        max_queue_wait_ms: maxOf(a.max_queue_wait_ms, b.max_queue_wait_ms),
        max_total_latency_ms: maxOf(a.max_total_latency_ms, b.max_total_latency_ms),
      }),
    );
    return rows.map(mapWorkflowAggregate);
  }

  async getWorkflow(
    scope: AppScope,
    workflowId: string,
    query: GetWorkflowQuery,
  ): Promise<GetWorkflowResponse> {
    let held;
    try {
      held = await readFromHoldingFamily(
        this.proxy,
        scope.applicationId,
        'get_workflow',
        { workflow_id: workflowId, load_input: query.loadInput, load_output: query.loadOutput },
        hasOutput,
      );
    } catch (error) {
      const known = isNoExecutorConnected(error)
        ? await this.lastKnown.findWorkflow(scope, workflowId)
        : null;
      if (known) return known;
      throw error;
    }
    if (!held?.response.output) throw workflowNotFound(workflowId);
    const workflow = mapWorkflow(held.response.output);
    this.lastKnown.record(scope, [workflow]);
    return workflow;
  }

  async findSteps(
    scope: AppScope,
    workflowId: string,
    query: ListWorkflowStepsQuery,
  ): Promise<Paginated<WorkflowStep>> {
    // With outputs, in parts (see PAYLOAD_PART_SIZE): steps only ever get appended, so
    // offsets stay put between parts.
    const partSize = query.loadOutput ? STEP_OUTPUT_PART_SIZE : query.limit;
    const steps: WorkflowSteps[] = [];
    // The family holding it, found by get_workflow: DBOS Python answers list_steps with [] for
    // any id, so in an application running both families an empty list says nothing.
    const { holders } = await this.getHeldWorkflow(scope, workflowId);
    for (;;) {
      const limit = Math.min(partSize, query.limit - steps.length);
      const fields = {
        workflow_id: workflowId,
        load_output: query.loadOutput,
        limit,
        offset: query.offset + steps.length,
      };
      const { output: part } = await this.proxy.send(
        scope.applicationId,
        'list_steps',
        fields,
        holders,
      );
      // Deleted meanwhile (TypeScript and @podium/sdk answer an unknown id with no output).
      if (!part) throw workflowNotFound(workflowId);
      steps.push(...part);
      if (part.length < limit || steps.length >= query.limit) break;
    }
    return toPage(steps.map(mapWorkflowStep), query.limit, query.offset);
  }

  /**
   * The current status of each id that exists (absent ids are missing from the map), from the
   * executors `options` reach, or else from every SDK family connected.
   */
  async findStatuses(
    scope: AppScope,
    workflowIds: readonly string[],
    options: SendOptions = {},
  ): Promise<Map<string, string | null>> {
    const listed = options.only
      ? await this.listByIds(scope, workflowIds, options)
      : await this.findListed(scope, workflowIds);
    return new Map([...listed].map(([id, { row }]) => [id, row.Status ?? null]));
  }

  /**
   * Each id that exists, as the SDK family holding it lists it. Every family connected must
   * answer (503 otherwise): an id one of them did not look up is not known to be absent.
   */
  async findListed(
    scope: AppScope,
    workflowIds: readonly string[],
  ): Promise<Map<string, ListedRow>> {
    if (workflowIds.length === 0) return new Map();
    const { parts } = await askEachFamily(
      this.proxy,
      scope.applicationId,
      (reach) => this.listByIds(scope, workflowIds, reach),
      { strict: true },
    );
    return new Map(parts.flatMap(({ value }) => [...value]));
  }

  /**
   * The status of one workflow and the options that reach the executors holding it (what acts
   * on it or reads more of it goes there), or NOT_FOUND. `only`: an action only some SDKs know,
   * refused as it says when none of the holding family's executors is one.
   */
  async getHeldWorkflow(
    scope: AppScope,
    workflowId: string,
    only?: SendOptions['only'],
  ): Promise<HeldWorkflow> {
    const held = await readFromHoldingFamily(
      this.proxy,
      scope.applicationId,
      'get_workflow',
      { workflow_id: workflowId, load_input: false, load_output: false },
      hasOutput,
    );
    if (!held?.response.output) throw workflowNotFound(workflowId);
    const holders = only
      ? await narrowHolders(this.proxy, scope.applicationId, held.holders, only)
      : held.holders;
    return { status: held.response.output.Status ?? null, holders };
  }

  /**
   * Sends `type` about one workflow to the executors holding it, or NOT_FOUND (executors answer
   * empty lists for unknown ids, so the workflow is looked up first).
   */
  async sendToHolders<K extends MessageType>(
    scope: AppScope,
    workflowId: string,
    type: K,
    fields: RequestFieldsOf<K>,
  ): Promise<ResponseOf<K>> {
    const { holders } = await this.getHeldWorkflow(scope, workflowId);
    return this.proxy.send(scope.applicationId, type, fields, holders);
  }

  private async findPage(
    scope: AppScope,
    body: ListWorkflowsBody,
    limit: number,
    offset: number,
  ): Promise<WorkflowsPage> {
    const rows = await readListedPage(
      this.proxy,
      scope.applicationId,
      body,
      this.listRows(scope),
      mergedReading(this.config.workflowSearch),
    );
    return toPage(await this.completed(scope, rows, body), limit, offset);
  }

  /**
   * Every match from `offset` on, stopping one past the ceiling; with both SDK families
   * connected, each family's matches up to that many past `offset`, merged.
   */
  private async findAll(
    scope: AppScope,
    body: ListWorkflowsBody,
    offset: number,
  ): Promise<WorkflowsPage> {
    const { maxResults, pageSize: chunk } = this.config.workflowSearch;
    const list = this.listRows(scope);
    const { parts, mixed } = await askEachFamily(this.proxy, scope.applicationId, (reach, both) => {
      if (!both) return readRows(list, body, reach, { from: offset, count: maxResults + 1, chunk });
      assertMergedOffset(offset, maxResults);
      return readRows(list, body, reach, { from: 0, count: offset + maxResults + 1, chunk });
    });
    const rows = mixed
      ? mergeListed(parts, body.sort_desc ?? false).slice(offset)
      : listedRows(parts);
    assertWithinCeiling(rows.length, maxResults);
    const workflows = await this.completed(scope, rows, body);
    return { items: workflows, limit: maxResults, offset };
  }

  /** `list_workflows` without payloads (`completed` loads them by id when asked). */
  private listRows(scope: AppScope): ListRows<ListWorkflowsBody> {
    return async (body, reach) => {
      const answer = await this.proxy.send(
        scope.applicationId,
        'list_workflows',
        { body: { ...body, load_input: false, load_output: false } },
        reach,
      );
      return answer.output ?? [];
    };
  }

  private async listByIds(
    scope: AppScope,
    workflowIds: readonly string[],
    reach: SendOptions,
  ): Promise<Map<string, ListedRow>> {
    if (workflowIds.length === 0) return new Map();
    const answer = await this.proxy.send(
      scope.applicationId,
      'list_workflows',
      { body: { workflow_uuids: [...workflowIds], limit: workflowIds.length } },
      reach,
    );
    return new Map((answer.output ?? []).map((row) => [row.WorkflowUUID, { row, reach }]));
  }

  /** Rows read without payloads → workflows, with payloads when asked; fed to the index. */
  private async completed(
    scope: AppScope,
    rows: ListedRow[],
    body: ListWorkflowsBody,
  ): Promise<Workflow[]> {
    const { load_input, load_output } = body;
    const loaded = wantsPayloads(body)
      ? await withPayloads(
          this.proxy,
          scope.applicationId,
          rows,
          { load_input, load_output },
          this.config.workflowSearch.maxPayloadBytes,
        )
      : rows.map(({ row }) => row);
    const workflows = loaded.map(mapWorkflow);
    this.lastKnown.record(scope, workflows);
    return workflows;
  }

  /** The live page, or with no executor connected the index's (when it can honour `filter`). */
  private async orLastKnownPage(
    scope: AppScope,
    live: Promise<WorkflowsPage>,
    filter: LastKnownFilter | null,
  ): Promise<WorkflowsPage> {
    try {
      return await live;
    } catch (error) {
      const known =
        filter && isNoExecutorConnected(error)
          ? await this.lastKnown.findPage(scope, filter)
          : null;
      if (known) return known;
      throw error;
    }
  }
}

function assertWithinCeiling(matches: number, maxResults: number): void {
  if (matches <= maxResults) return;
  throw new AppError(
    'TOO_MANY_RESULTS',
    `The search matches more than ${maxResults} workflows, the most one answer without limit ` +
      'holds: give a limit (and page with offset), or narrow the filters.',
    { maxResults },
  );
}

export function workflowNotFound(workflowId: string): AppError {
  return new AppError('NOT_FOUND', `No workflow "${workflowId}" in this application.`);
}
