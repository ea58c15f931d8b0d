import { AppError, type WorkflowsOutput } from '@podium/protocol';
import type { Reach } from '../executors/family-fanout';
import type { ExecutorProxy } from '../executors/proxy/executor-proxy';
import type { ListedRow } from './family-lists';

/**
 * Workflows per request when inputs or outputs are loaded. Each can be large and an answer must
 * fit in one frame (a bigger one costs the executor its link), so a page asked for with them is
 * read without them first, then completed by id in parts of this size.
 */
export const PAYLOAD_PART_SIZE = 25;

export interface PayloadFlags {
  readonly load_input?: boolean | null;
  readonly load_output?: boolean | null;
}

export function wantsPayloads(flags: PayloadFlags): boolean {
  return Boolean(flags.load_input || flags.load_output);
}

/**
 * The same workflows, in the same order, with their inputs and/or outputs, fetched by id
 * `PAYLOAD_PART_SIZE` at a time from the SDK family that listed each. A workflow gone since the
 * page was read keeps its row as read. Inputs and outputs past `maxBytes` in all (UTF-8) are a
 * PAYLOADS_TOO_LARGE problem rather than an answer held in memory whatever its size.
 */
export async function withPayloads(
  proxy: ExecutorProxy,
  applicationId: string,
  rows: readonly ListedRow[],
  flags: PayloadFlags,
  maxBytes: number,
): Promise<WorkflowsOutput[]> {
  const loaded = new Map<string, WorkflowsOutput>();
  let bytes = 0;
  for (const [reach, ids] of idsByFamily(rows)) {
    for (let start = 0; start < ids.length; start += PAYLOAD_PART_SIZE) {
      const part = ids.slice(start, start + PAYLOAD_PART_SIZE);
      const answer = await proxy.send(
        applicationId,
        'list_workflows',
        {
          body: {
            workflow_uuids: part,
            limit: part.length,
            load_input: flags.load_input ?? undefined,
            load_output: flags.load_output ?? undefined,
          },
        },
        reach,
      );
      for (const workflow of answer.output ?? []) {
        loaded.set(workflow.WorkflowUUID, workflow);
        bytes += payloadBytes(workflow);
      }
      if (bytes > maxBytes) throw payloadsTooLarge(maxBytes);
    }
  }
  return rows.map(({ row }) => loaded.get(row.WorkflowUUID) ?? row);
}

function payloadBytes({ Input, Output }: WorkflowsOutput): number {
  return (Input ? Buffer.byteLength(Input) : 0) + (Output ? Buffer.byteLength(Output) : 0);
}

function payloadsTooLarge(maxBytes: number): AppError {
  return new AppError(
    'PAYLOADS_TOO_LARGE',
    `The inputs and outputs of these workflows pass ${maxBytes} bytes, the most one answer ` +
      'holds: ask for fewer workflows (a smaller limit), or without loadInput/loadOutput.',
    { maxPayloadBytes: maxBytes },
  );
}

function idsByFamily(rows: readonly ListedRow[]): Map<Reach, string[]> {
  const ids = new Map<Reach, string[]>();
  for (const { row, reach } of rows) {
    const family = ids.get(reach) ?? [];
    family.push(row.WorkflowUUID);
    ids.set(reach, family);
  }
  return ids;
}
