import type { Workflow, WorkflowStep, WorkflowSteps, WorkflowsOutput } from '@podium/protocol';

/**
 * DBOS records (PascalCase, epoch-ms strings) → REST shapes (camelCase, ISO times, null for
 * absent). Display strings (input, output, error, step output) pass through untouched: they
 * are renderings, not JSON, and so are `Attributes` and `AuthenticatedRoles` (JSON from TypeScript,
 * `str(list)` from Python): DBOS Conductor's API passes them on as text too.
 */

export function mapWorkflow(w: WorkflowsOutput): Workflow {
  return {
    workflowId: w.WorkflowUUID,
    status: w.Status ?? null,
    workflowName: w.WorkflowName ?? null,
    workflowClass: w.WorkflowClassName ?? null,
    workflowConfig: w.WorkflowConfigName ?? null,
    applicationName: w.ApplicationName ?? null,
    appVersion: w.ApplicationVersion ?? null,
    executorId: w.ExecutorID ?? null,
    queueName: w.QueueName ?? null,
    queuePartitionKey: w.QueuePartitionKey ?? null,
    deduplicationId: w.DeduplicationID ?? null,
    priority: toInteger(w.Priority),
    user: w.AuthenticatedUser ?? null,
    assumedRole: w.AssumedRole ?? null,
    roles: w.AuthenticatedRoles || null,
    input: w.Input ?? null,
    output: w.Output ?? null,
    error: w.Error ?? null,
    createdAt: epochToIso(w.CreatedAt),
    updatedAt: epochToIso(w.UpdatedAt),
    dequeuedAt: epochToIso(w.DequeuedAt),
    completedAt: epochToIso(w.CompletedAt),
    delayUntil: epochToIso(w.DelayUntilEpochMS),
    deadline: epochToIso(w.WorkflowDeadlineEpochMS),
    timeoutMs: toNumber(w.WorkflowTimeoutMS),
    parentWorkflowId: w.ParentWorkflowID ?? null,
    forkedFrom: w.ForkedFrom ?? null,
    wasForkedFrom: w.WasForkedFrom ?? null,
    scheduleName: w.ScheduleName ?? null,
    attributes: w.Attributes || null,
  };
}

export function mapWorkflowStep(s: WorkflowSteps): WorkflowStep {
  return {
    stepId: s.function_id,
    stepName: s.function_name,
    output: s.output ?? null,
    error: s.error ?? null,
    childWorkflowId: s.child_workflow_id ?? null,
    startedAt: epochToIso(s.started_at_epoch_ms),
    completedAt: epochToIso(s.completed_at_epoch_ms),
  };
}

/** `"1795317915934"` (or a number) → ISO; anything unreadable → null. */
export function epochToIso(value: string | number | null | undefined): string | null {
  const ms = toNumber(value);
  if (ms === null) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function toInteger(value: string | null | undefined): number | null {
  const n = toNumber(value);
  return n !== null && Number.isInteger(n) ? n : null;
}
