import { AppError } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { exportFileName, exportFileText, readExportFile } from './export-file';

describe('an export file', () => {
  it('reads back the export it was written from', async () => {
    const exported = { serializedWorkflow: 'H4sIAAAA' };
    await expect(readExportFile('a.json', exportFileText(exported))).resolves.toEqual(exported);
  });

  it('is named after the workflow, safely', () => {
    expect(exportFileName('chatty-42')).toBe('chatty-42.export.json');
    expect(exportFileName('a/b c')).toBe('a_b_c.export.json');
  });

  it('refuses a file that is not an export, naming it', async () => {
    for (const text of ['not json', '{"other":1}', '{"serializedWorkflow":""}']) {
      let thrown: unknown;
      try {
        await readExportFile('notes.txt', text);
      } catch (error) {
        thrown = error;
      }
      expect(AppError.is(thrown) && thrown.code).toBe('VALIDATION_FAILED');
      expect(String(thrown)).toContain('notes.txt is not a workflow export');
    }
  });
});
