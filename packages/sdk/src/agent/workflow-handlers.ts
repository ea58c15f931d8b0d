/**
 * Handlers of the workflow requests: queries (list, get, steps) and actions (cancel, resume,
 * restart, delete, fork, fork from failure). Bulk requests (`workflow_ids`, which overrides
 * `workflow_id`) act on each id in order (`resume`: on all at once). Throwing is fine: the
 * dispatcher answers with `error_message`.
 */
import {
  countForkFromFailureSelectors,
  type ExecutorRequestHandlers,
  type ForkFromFailureBody,
} from '@podium/protocol';
import { InvalidOperationError, WorkflowNotFoundError } from '../errors';
import type { StepInfo } from '../types';
import { toListFilter } from './list-filters';
import type { AgentOperations } from './operations';
import { toWorkflowSteps, toWorkflowsOutput } from './wire-records';

export type WorkflowHandlerTypes =
  | 'list_workflows'
  | 'list_queued_workflows'
  | 'get_workflow'
  | 'list_steps'
  | 'cancel'
  | 'resume'
  | 'restart'
  | 'delete'
  | 'fork_workflow'
  | 'fork_from_failure';

export function workflowHandlers(
  ops: AgentOperations,
  applicationName: string,
): Pick<ExecutorRequestHandlers, WorkflowHandlerTypes> {
  const list = async (filter: ReturnType<typeof toListFilter>) =>
    filter === null ? [] : (await ops.management.listWorkflows(filter)).map(toWorkflowsOutput);

  /** Throws WorkflowNotFoundError for the first id that does not exist, before acting on any. */
  const assertExist = async (ids: string[]) => {
    const found = await ops.management.listWorkflows({
      workflowIds: ids,
      loadInput: false,
      loadOutput: false,
    });
    const missing = ids.find((id) => !found.some((w) => w.workflowId === id));
    if (missing !== undefined) throw new WorkflowNotFoundError(missing);
  };

  return {
    list_workflows: async (request) => ({
      output: await list(toListFilter(request.body, applicationName, { queuesOnly: false })),
    }),

    list_queued_workflows: async (request) => ({
      output: await list(toListFilter(request.body, applicationName, { queuesOnly: true })),
    }),

    // Not found is not an error: the answer simply has no output.
    get_workflow: async (request) => {
      const [workflow] = await ops.management.listWorkflows({
        workflowIds: [request.workflow_id],
        loadInput: request.load_input ?? true,
        loadOutput: request.load_output ?? true,
      });
      return workflow === undefined ? {} : { output: toWorkflowsOutput(workflow) };
    },

    list_steps: async (request) => {
      const loadOutput = request.load_output ?? true;
      const steps = await ops.management.listSteps(request.workflow_id, {
        loadOutput,
        limit: request.limit ?? undefined,
        offset: request.offset ?? undefined,
      });
      if (steps === null) return {};
      // As DBOS: without outputs, errors (the outputs of failed steps) are left out too.
      return {
        output: steps.map((step) => toWorkflowSteps(loadOutput ? step : { ...step, error: null })),
      };
    },

    // As DBOS: ids that do not exist are skipped, and the answer is still `success: true`.
    cancel: async (request) => {
      for (const id of request.workflow_ids ?? [request.workflow_id]) {
        try {
          await ops.management.cancelWorkflow(id, {
            cancelChildren: request.cancel_children ?? false,
          });
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
      return { success: true };
    },

    // As DBOS: one atomic resume of every id. An unknown id fails the whole request (and
    // changes nothing); SUCCESS and ERROR workflows are left alone and still answer success.
    resume: async (request) => {
      const ids = request.workflow_ids ?? [request.workflow_id];
      await ops.management.resumeWorkflows(ids, { queueName: request.queue_name ?? undefined });
      return { success: true };
    },

    // Removed in DBOS TS 5.0; here it is what it always meant: a fork from the first step,
    // whose id we also report (DBOS does not).
    restart: async (request) => {
      const fork = await ops.management.forkWorkflow(request.workflow_id, 0);
      return { success: true, new_workflow_id: fork.workflowId };
    },

    delete: async (request) => {
      for (const id of request.workflow_ids ?? [request.workflow_id]) {
        await ops.management.deleteWorkflow(id, request.delete_children ?? false);
      }
      return { success: true };
    },

    fork_workflow: async (request) => {
      const body = request.body;
      const fork = await ops.management.forkWorkflow(body.workflow_id, body.start_step, {
        newWorkflowId: body.new_workflow_id ?? undefined,
        applicationVersion: body.application_version ?? undefined,
        queueName: body.queue_name ?? undefined,
        queuePartitionKey: body.queue_partition_key ?? undefined,
      });
      return { new_workflow_id: fork.workflowId };
    },

    fork_from_failure: async (request) => {
      const body = request.body;
      const pick = stepSelector(body);
      await assertExist(body.workflow_ids);
      const forked: string[] = [];
      for (const id of body.workflow_ids) {
        const steps = (await ops.management.listSteps(id, { loadOutput: false })) ?? [];
        const fork = await ops.management.forkWorkflow(id, pick(steps), {
          applicationVersion: body.application_version ?? undefined,
          queueName: body.queue_name ?? undefined,
          queuePartitionKey: body.queue_partition_key ?? undefined,
        });
        forked.push(fork.workflowId);
      }
      return { forked_workflow_ids: forked };
    },
  };
}

/**
 * Which step a fork from failure restarts at, as DBOS: the last failed step (else the last
 * step), the last step, a step number, or the last step with a name.
 */
function stepSelector(body: ForkFromFailureBody): (steps: StepInfo[]) => number {
  const selectors = countForkFromFailureSelectors(body);
  if (selectors !== 1) {
    throw new InvalidOperationError(
      'exactly one of from_last_failure, from_last_step, from_step, from_step_name is required',
    );
  }
  const last = (steps: StepInfo[]) => steps.reduce((max, s) => Math.max(max, s.functionId), 0);
  if (typeof body.from_step === 'number') {
    const step = body.from_step;
    return () => step;
  }
  if (typeof body.from_step_name === 'string') {
    const name = body.from_step_name;
    return (steps) => {
      const named = steps.filter((s) => s.functionName === name);
      if (named.length === 0) throw new InvalidOperationError(`no step named "${name}"`);
      return last(named);
    };
  }
  if (body.from_last_step === true) return last;
  return (steps) => {
    const failed = steps.filter((s) => s.error !== null);
    return last(failed.length > 0 ? failed : steps);
  };
}
