/**
 * Export and import of workflows with everything recorded about them (part of the engine), and
 * the read-only views of their events, messages and streams the control plane shows.
 *
 * Invariants: an export reads one consistent snapshot; an import is all or nothing and never
 * overwrites a workflow. Imported workflows keep their status: an active one runs only when
 * something claims it (resume it, or recover its executor).
 */
import type { WorkflowExport } from '@podium/protocol';
import { WorkflowConflictError, WorkflowNotFoundError } from '../errors';
import { deserializeValue } from '../internal/serialization';
import { fromExportDocument, toExportedWorkflow } from './export-document';
import { WorkflowExists } from './storage/history-storage';
import type { Storage } from './storage/storage';

/** A message sent to a workflow, as the control plane shows it. */
export interface WorkflowNotification {
  topic: string | null;
  message: unknown;
  createdAt: number;
  consumed: boolean;
}

export class WorkflowTransfer {
  constructor(
    private readonly storage: Storage,
    private readonly applicationName: string,
  ) {}

  /** The workflow (and, with `exportChildren`, its descendants) as a DBOS-shaped document. */
  async exportWorkflow(workflowId: string, exportChildren: boolean): Promise<WorkflowExport> {
    const ids = [workflowId];
    if (exportChildren) ids.push(...(await this.storage.admin.findDescendants(workflowId)));
    const histories = await this.storage.history.exportWorkflows(ids);
    if (histories[0]?.workflow.workflowId !== workflowId) {
      throw new WorkflowNotFoundError(workflowId);
    }
    return histories.map(toExportedWorkflow);
  }

  /**
   * Imports an export of this SDK; returns the imported ids. `ImportRefusedError` for anything
   * else, `WorkflowConflictError` if one of its workflows exists already.
   */
  async importWorkflow(document: unknown): Promise<string[]> {
    const histories = fromExportDocument(document, this.applicationName);
    try {
      await this.storage.history.importWorkflows(histories);
    } catch (error) {
      if (!(error instanceof WorkflowExists)) throw error;
      throw new WorkflowConflictError(
        error.workflowId,
        `Workflow "${error.workflowId}" already exists; delete it before importing it again`,
      );
    }
    return histories.map((history) => history.workflow.workflowId);
  }

  /** Events by key, with their current values. */
  async listEvents(workflowId: string): Promise<{ key: string; value: unknown }[]> {
    const events = await this.storage.history.listEvents(workflowId);
    return events.map(({ key, value }) => ({ key, value: deserializeValue(value) }));
  }

  /** Messages sent to the workflow, consumed or not, oldest first. */
  async listNotifications(workflowId: string): Promise<WorkflowNotification[]> {
    const rows = await this.storage.history.listNotifications(workflowId);
    return rows.map((row) => ({
      topic: row.topic,
      message: deserializeValue(row.message),
      createdAt: row.createdAt,
      consumed: row.consumed,
    }));
  }

  /** Every stream of the workflow with its values so far (up to its close). */
  async listStreams(workflowId: string): Promise<{ key: string; values: unknown[] }[]> {
    const streams = await this.storage.streams.listStreams(workflowId);
    return streams.map(({ key, values }) => ({ key, values: values.map(deserializeValue) }));
  }
}
