// An export as a file: the control plane's answer to `GET .../export`, as JSON, which is also
// the body `POST .../import` takes. So the file a console downloads is what it uploads, and
// what a script may send with curl.
import {
  AppError,
  type ExportWorkflowResponse,
  type ImportWorkflowRequest,
} from '@podium/protocol/rest';

export function exportFileName(workflowId: string): string {
  const safe = workflowId.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'workflow';
  return `${safe}.export.json`;
}

export function exportFileText(exported: ExportWorkflowResponse): string {
  return `${JSON.stringify(exported, null, 2)}\n`;
}

/** The import body a file holds; a validation problem naming the file when it holds none. */
export async function readExportFile(
  fileName: string,
  text: string,
): Promise<ImportWorkflowRequest> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw notAnExport(fileName, 'it is not JSON');
  }
  // The protocol's schema (and zod) load only when someone imports a file, not with every page.
  const { ImportWorkflowRequestSchema } = await import('@podium/protocol/rest');
  const parsed = ImportWorkflowRequestSchema.safeParse(json);
  if (!parsed.success) {
    throw notAnExport(fileName, 'it has no serializedWorkflow (and nothing else)');
  }
  return parsed.data;
}

function notAnExport(fileName: string, why: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `${fileName} is not a workflow export (${why}): choose a file the console’s Export downloaded.`,
  );
}
