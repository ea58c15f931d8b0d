import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { AppError } from '@podium/protocol';
import type { ExecutorIdentity } from '../executors/executor-registry';
import { sdkFamilyOf } from '../executors/sdk-family';

/**
 * Who can import an export. An export is base64 of gzip: JSON rows of the system tables from
 * TypeScript, Go and Java executors, a pickle from Python (protocol §4.8). Values inside are
 * serialised in the writer's own format (the rows' `serialization`), so a payload imports only
 * into an executor that reads that format; Python's pickle runs code when loaded, so it must
 * never reach another language, nor anything else reach Python. We read only what is needed to
 * tell who wrote it, and to name the workflows for the audit log.
 */

const gunzipAsync = promisify(gunzip);

/** Most bytes unpacked to read an export (the request body limit is far below this). */
const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

/** The SDK family whose executors can import a payload. */
export type ExportWriter = 'python' | 'podium-sdk' | 'dbos-typescript' | 'json';

export interface ExportFormat {
  readonly writer: ExportWriter;
  /** The exported workflows, the requested one first; null for a pickle. */
  readonly workflowIds: string[] | null;
}

/** What the serialization names of DBOS TypeScript and @podium/sdk say about their writer. */
const WRITER_OF_SERIALIZATION: Record<string, ExportWriter> = {
  js_superjson: 'dbos-typescript',
  podium_json: 'podium-sdk',
};

/** Reads who wrote `serialized` (refusing anything that is not an export at all). */
export async function readExportFormat(serialized: string): Promise<ExportFormat> {
  let unpacked: Buffer;
  try {
    unpacked = await gunzipAsync(Buffer.from(serialized, 'base64'), {
      maxOutputLength: MAX_EXPORT_BYTES,
    });
  } catch {
    throw notAnExport('it is not base64 of gzip');
  }
  let document: unknown;
  try {
    document = JSON.parse(unpacked.toString('utf8'));
  } catch {
    return { writer: 'python', workflowIds: null };
  }
  if (!Array.isArray(document) || document.length === 0) {
    throw notAnExport('it holds no workflows');
  }
  const workflowIds: string[] = [];
  const writers = new Set<ExportWriter>();
  for (const entry of document as unknown[]) {
    const id = idOf(entry);
    if (id === undefined) throw notAnExport('an entry has no workflow_status.workflow_uuid');
    workflowIds.push(id);
    for (const name of serializationsOf(entry)) {
      const writer = WRITER_OF_SERIALIZATION[name];
      if (writer) writers.add(writer);
    }
  }
  if (writers.size > 1) throw notAnExport('its rows were written by different SDKs');
  return { writer: [...writers][0] ?? 'json', workflowIds };
}

/** Whether an executor reads payloads of this writer. */
export function canImport(writer: ExportWriter, executor: ExecutorIdentity): boolean {
  const podium = sdkFamilyOf(executor) === 'podium';
  switch (writer) {
    case 'python':
      return executor.language === 'python';
    case 'podium-sdk':
      return podium;
    case 'dbos-typescript':
      return executor.language === 'typescript' && !podium;
    case 'json':
      // Portable or unnamed serialisation: any SDK that exports JSON (and says its language).
      return executor.language !== null && executor.language !== 'python';
  }
}

const WRITER_NAMES: Record<ExportWriter, string> = {
  python: 'a Python executor (a pickle)',
  'podium-sdk': 'an @podium/sdk executor',
  'dbos-typescript': 'a DBOS TypeScript executor',
  json: 'a TypeScript, Go or Java executor',
};

/** Why no connected executor may take it. */
export function importRefusal(writer: ExportWriter): string {
  return `This export was written by ${WRITER_NAMES[writer]}; no connected executor of this application can import it. Exports are not portable across languages and SDKs: import it into an application whose executors wrote it.`;
}

function notAnExport(why: string): AppError {
  return AppError.validation(
    [{ path: 'serializedWorkflow', location: 'body.serializedWorkflow', message: why }],
    `serializedWorkflow is not a workflow export: ${why}.`,
  );
}

function idOf(entry: unknown): string | undefined {
  const status = (entry as { workflow_status?: { workflow_uuid?: unknown } } | null)
    ?.workflow_status;
  return typeof status?.workflow_uuid === 'string' ? status.workflow_uuid : undefined;
}

/** Every `serialization` named by the rows of one exported workflow. */
function serializationsOf(entry: unknown): string[] {
  const names: string[] = [];
  for (const rows of Object.values(entry as Record<string, unknown>)) {
    for (const row of Array.isArray(rows) ? rows : [rows]) {
      const name = (row as { serialization?: unknown } | null)?.serialization;
      if (typeof name === 'string') names.push(name);
    }
  }
  return names;
}
