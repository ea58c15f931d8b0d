import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WorkflowExportSchema } from '../src';

/** The `export_workflow` answers of the golden capture (DBOS TS 5.2.11), decoded. */
const exports = readFileSync(join(__dirname, 'fixtures', 'dbos-wire-capture.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { kind: string; msg?: Record<string, unknown> })
  .filter((line) => line.kind === 'recv' && line.msg?.type === 'export_workflow')
  .map((line) => line.msg?.serialized_workflow)
  .filter((blob): blob is string => typeof blob === 'string')
  .map((blob) => JSON.parse(gunzipSync(Buffer.from(blob, 'base64')).toString('utf8')) as unknown);

describe('the workflow export document', () => {
  it('decodes every export DBOS TS 5.2.11 wrote, integers as numbers', () => {
    expect(exports.length).toBeGreaterThan(0);
    for (const document of exports) {
      const decoded = WorkflowExportSchema.parse(document);
      const [root] = decoded;
      expect(root?.workflow_status).toMatchObject({
        workflow_uuid: expect.any(String) as string,
        created_at: expect.any(Number) as number,
        recovery_attempts: expect.any(Number) as number,
      });
      expect(root?.streams[0]).toMatchObject({
        offset: 0,
        function_id: expect.any(Number) as number,
      });
      // DBOS leaves messages out of its exports.
      expect(root?.notifications).toBeUndefined();
    }
  });

  it('refuses a document that is not an array of exported workflows', () => {
    expect(WorkflowExportSchema.safeParse({ workflow_status: {} }).success).toBe(false);
    const [first] = exports as Record<string, unknown>[][];
    const row = { ...first?.[0], operation_outputs: [{ function_id: 'one' }] };
    expect(WorkflowExportSchema.safeParse([row]).success).toBe(false);
  });
});
