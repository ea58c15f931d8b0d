/**
 * Handlers of the requests that move or rewrite a workflow's whole history: `export_workflow`
 * and `import_workflow` (the document as base64 of gzip of its JSON, as every DBOS SDK but
 * Python sends it) and `rewind_workflow`. Throwing is fine: the dispatcher answers with
 * `error_message` (and `success: false`, or `serialized_workflow: null` for an export).
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { ExecutorRequestHandlers } from '@podium/protocol';
import { ImportRefusedError, InvalidOperationError } from '../errors';
import type { AgentOperations } from './operations';

export type HistoryHandlerTypes = 'export_workflow' | 'import_workflow' | 'rewind_workflow';

/** The largest document an import unpacks (a small frame can gunzip to gigabytes). */
const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export function historyHandlers(
  ops: AgentOperations,
): Pick<ExecutorRequestHandlers, HistoryHandlerTypes> {
  return {
    export_workflow: async (request) => {
      const document = await ops.transfer.exportWorkflow(
        request.workflow_id,
        request.export_children ?? false,
      );
      const packed = await gzipAsync(JSON.stringify(document));
      return { serialized_workflow: packed.toString('base64') };
    },

    import_workflow: async (request) => {
      await ops.transfer.importWorkflow(await unpack(request.serialized_workflow));
      return { success: true };
    },

    rewind_workflow: async (request) => {
      const body = request.body;
      if (body.queue_partition_key != null) {
        throw new InvalidOperationError('a rewind cannot put the workflow on a queue partition');
      }
      await ops.management.rewindWorkflow(body.workflow_id, {
        startStep: body.start_step ?? 0,
        applicationVersion: body.application_version ?? undefined,
        queueName: body.queue_name ?? undefined,
      });
      return { success: true };
    },
  };
}

/** base64 → gunzip → JSON, each failure an `ImportRefusedError` that says which. */
async function unpack(serialized: string): Promise<unknown> {
  let json: Buffer;
  try {
    json = await gunzipAsync(Buffer.from(serialized, 'base64'), {
      maxOutputLength: MAX_IMPORT_BYTES,
    });
  } catch (error) {
    throw new ImportRefusedError(
      `serialized_workflow is not base64 of gzip (${(error as Error).message})`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(json.toString('utf8'));
  } catch (error) {
    throw new ImportRefusedError('serialized_workflow does not hold JSON', { cause: error });
  }
}
