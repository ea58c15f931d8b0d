import { WorkflowSchema, WorkflowStepSchema } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { epochToIso, mapWorkflow, mapWorkflowStep } from './workflow.mapper';

describe('mapWorkflow', () => {
  it('turns a TypeScript executor’s record into the REST shape', () => {
    const workflow = mapWorkflow({
      WorkflowUUID: 'wf-1',
      Status: 'ERROR',
      WorkflowName: 'checkout',
      AuthenticatedRoles: '["admin","ops"]',
      Input: "[ 'order-1', { qty: 2 } ]",
      Output: undefined,
      Error: '{"name":"Error","message":"declined"}',
      CreatedAt: '1795317915934',
      UpdatedAt: '1795317916000',
      Priority: '0',
      WorkflowTimeoutMS: '60000',
      WasForkedFrom: false,
      Attributes: '{"tenant":"acme","tier":2}',
      QueueName: 'payments',
    });
    expect(WorkflowSchema.parse(workflow)).toEqual(workflow);
    expect(workflow).toMatchObject({
      workflowId: 'wf-1',
      status: 'ERROR',
      workflowName: 'checkout',
      roles: '["admin","ops"]', // text, as DBOS Conductor's Workflow.roles
      input: "[ 'order-1', { qty: 2 } ]",
      output: null,
      error: '{"name":"Error","message":"declined"}',
      createdAt: '2026-11-22T03:25:15.934Z',
      priority: 0,
      timeoutMs: 60000,
      wasForkedFrom: false,
      attributes: '{"tenant":"acme","tier":2}',
      queueName: 'payments',
      completedAt: null,
    });
  });

  it('keeps Python reprs as they are and unreadable values as null instead of failing', () => {
    const workflow = mapWorkflow({
      WorkflowUUID: 'wf-2',
      Status: 'SOMETHING_NEW',
      AuthenticatedRoles: "['admin', 'ops']",
      Attributes: "{'tenant': 'acme'}",
      Input: "{'args': (1,), 'kwargs': {}}",
      CreatedAt: 'not a time',
      Priority: 'high',
    });
    expect(WorkflowSchema.parse(workflow)).toEqual(workflow);
    expect(workflow).toMatchObject({
      status: 'SOMETHING_NEW',
      roles: "['admin', 'ops']",
      attributes: "{'tenant': 'acme'}",
      input: "{'args': (1,), 'kwargs': {}}",
      createdAt: null,
      priority: null,
    });
  });
});

describe('mapWorkflowStep', () => {
  it('maps a step with its times', () => {
    const step = mapWorkflowStep({
      function_id: 0,
      function_name: 'greet',
      output: "'hello'",
      started_at_epoch_ms: '1795317915934',
      completed_at_epoch_ms: null,
    });
    expect(WorkflowStepSchema.parse(step)).toEqual(step);
    expect(step).toEqual({
      stepId: 0,
      stepName: 'greet',
      output: "'hello'",
      error: null,
      childWorkflowId: null,
      startedAt: '2026-11-22T03:25:15.934Z',
      completedAt: null,
    });
  });
});

describe('epochToIso', () => {
  it('reads strings and numbers, and refuses what is not a time', () => {
    expect(epochToIso('0')).toBe('1970-01-01T00:00:00.000Z');
    expect(epochToIso(1000)).toBe('1970-01-01T00:00:01.000Z');
    expect(epochToIso('')).toBeNull();
    expect(epochToIso('9'.repeat(30))).toBeNull();
  });
});
