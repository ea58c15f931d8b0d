/** Stored records → public shapes (deserialising inputs, outputs and errors). */
import { deserializeValue, parseSerializedError } from '../internal/serialization';
import type { StepInfo, WorkflowStatus } from '../types';
import type { StepRecord, WorkflowRecord } from './storage/storage';

export function mapWorkflowStatus(record: WorkflowRecord): WorkflowStatus {
  const { input, output, error, generation: _generation, name, ...rest } = record;
  return {
    ...rest,
    workflowName: name,
    ...(input === null ? {} : { input: deserializeValue(input) as unknown[] }),
    ...(output === null ? {} : { output: deserializeValue(output) }),
    ...(error === null ? {} : { error: parseSerializedError(error) }),
  };
}

export function mapStepInfo(record: StepRecord, loadOutput: boolean): StepInfo {
  return {
    functionId: record.functionId,
    functionName: record.functionName,
    ...(loadOutput && record.output !== null ? { output: deserializeValue(record.output) } : {}),
    error: record.error === null ? null : parseSerializedError(record.error),
    childWorkflowId: record.childWorkflowId,
    startedAt: record.startedAt,
    completedAt: record.completedAt,
  };
}
