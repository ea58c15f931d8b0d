/**
 * Read-only figures over this application's workflows and steps for the conductor:
 * per-name counts in a window (`get_metrics`) and aggregates (`get_workflow_aggregates`,
 * `get_step_aggregates`). Every query is scoped to this application.
 */
import type {
  AggregateRow,
  StepAggregateKey,
  StepAggregateQuery,
  WorkflowAggregateKey,
  WorkflowAggregateQuery,
} from './storage/aggregates';
import type { ExecutorScope, NameCount, Storage } from './storage/storage';

export class Metrics {
  constructor(
    private readonly storage: Storage,
    private readonly scope: ExecutorScope,
  ) {}

  /** Workflows created, and steps completed, in [start, end), counted by name. */
  countByName(
    startEpochMs: number,
    endEpochMs: number,
  ): Promise<{ workflows: NameCount[]; steps: NameCount[] }> {
    return this.storage.admin.countByName(this.scope.applicationName, startEpochMs, endEpochMs);
  }

  workflowAggregates(query: WorkflowAggregateQuery): Promise<AggregateRow<WorkflowAggregateKey>[]> {
    return this.storage.aggregates.workflowAggregates(this.scope.applicationName, query);
  }

  stepAggregates(query: StepAggregateQuery): Promise<AggregateRow<StepAggregateKey>[]> {
    return this.storage.aggregates.stepAggregates(this.scope.applicationName, query);
  }
}
