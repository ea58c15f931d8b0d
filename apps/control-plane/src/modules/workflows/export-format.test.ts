import { gzipSync } from 'node:zlib';
import { AppError } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import type { ExecutorIdentity } from '../executors/executor-registry';
import { canImport, readExportFormat, type ExportWriter } from './export-format';

const pack = (text: string) => gzipSync(Buffer.from(text)).toString('base64');
const exportOf = (...rows: Array<{ id: string; serialization?: string | null }>) =>
  pack(
    JSON.stringify(
      rows.map(({ id, serialization }) => ({
        workflow_status: { workflow_uuid: id, serialization },
        operation_outputs: [{ workflow_uuid: id, serialization }],
        workflow_events: [],
      })),
    ),
  );
const executor = (language: string, sdkVersion: string): ExecutorIdentity => ({
  executorId: 'e',
  applicationVersion: 'v',
  hostname: null,
  language,
  sdkVersion,
  metadata: null,
});
const refusal = async (serialized: string) => {
  try {
    await readExportFormat(serialized);
  } catch (error) {
    if (AppError.is(error)) return error;
  }
  throw new Error('not refused');
};

describe('readExportFormat', () => {
  it('names the exported workflows, the requested one first, and who wrote them', async () => {
    expect(
      await readExportFormat(
        exportOf({ id: 'root', serialization: 'js_superjson' }, { id: 'child' }),
      ),
    ).toEqual({ writer: 'dbos-typescript', workflowIds: ['root', 'child'] });
    expect(await readExportFormat(exportOf({ id: 'w', serialization: 'podium_json' }))).toEqual({
      writer: 'podium-sdk',
      workflowIds: ['w'],
    });
    expect(await readExportFormat(exportOf({ id: 'w', serialization: 'portable_json' }))).toEqual({
      writer: 'json',
      workflowIds: ['w'],
    });
  });

  it('takes what is gzip but not JSON for a Python pickle, whose ids it cannot read', async () => {
    expect(await readExportFormat(pack('\u0080\u0004pickle'))).toEqual({
      writer: 'python',
      workflowIds: null,
    });
  });

  it('refuses what is no export at all, at the field, with the reason', async () => {
    for (const [serialized, reason] of [
      ['not base64 of gzip!', 'base64 of gzip'],
      [pack('[]'), 'no workflows'],
      [pack('[{"operation_outputs": []}]'), 'workflow_uuid'],
      [
        exportOf(
          { id: 'a', serialization: 'podium_json' },
          { id: 'b', serialization: 'js_superjson' },
        ),
        'different SDKs',
      ],
    ] as const) {
      const error = await refusal(serialized);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toContain(reason);
      expect(error.errors).toMatchObject([{ location: 'body.serializedWorkflow' }]);
    }
  });
});

describe('canImport', () => {
  const dbosTs = executor('typescript', '5.2.11');
  const podium = executor('typescript', 'podium-sdk/0.1.0');
  const python = executor('python', '2.30.0');
  const go = executor('go', '1.2.0');
  const cases: Array<[ExportWriter, ExecutorIdentity[], ExecutorIdentity[]]> = [
    ['python', [python], [dbosTs, podium, go]],
    ['podium-sdk', [podium], [dbosTs, python, go]],
    ['dbos-typescript', [dbosTs], [podium, python, go]],
    ['json', [dbosTs, podium, go], [python]],
  ];

  it.each(cases)('sends a %s export only to executors that read it', (writer, yes, no) => {
    for (const e of yes) expect(canImport(writer, e), `${e.language} ${e.sdkVersion}`).toBe(true);
    for (const e of no) expect(canImport(writer, e), `${e.language} ${e.sdkVersion}`).toBe(false);
  });
});
