import type { Application } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { draftOf, patchOf } from './retention-settings';

const application: Application = {
  id: '0190a5b4-7c3e-7000-8000-000000000001',
  orgId: '0190a5b4-7c3e-7000-8000-000000000002',
  name: 'shop',
  status: 'UNAVAILABLE',
  language: null,
  dbosCloud: false,
  description: '',
  executorTimeoutSecs: 60,
  gcTimeThresholdMs: 7 * 24 * 3_600_000,
  gcRowsThreshold: null,
  globalTimeoutMs: null,
  privateMode: false,
  lastRetentionPush: null,
  createdAt: '2026-12-04T10:00:00.000Z',
  updatedAt: '2026-12-04T10:00:00.000Z',
};

describe('the app settings form', () => {
  it('shows time thresholds in hours and unset ones empty', () => {
    expect(draftOf(application)).toMatchObject({
      gcTimeThresholdHours: '168',
      gcRowsThreshold: '',
      globalTimeoutHours: '',
    });
  });

  it('sends milliseconds, and -1 (clear) for an emptied box', () => {
    const draft = { ...draftOf(application), gcTimeThresholdHours: '', globalTimeoutHours: '0.5' };
    expect(patchOf({ ...draft, gcRowsThreshold: '1000' })).toEqual({
      ok: true,
      body: {
        description: '',
        executorTimeoutSecs: 60,
        gcTimeThresholdMs: -1,
        gcRowsThreshold: 1000,
        globalTimeoutMs: 1_800_000,
        privateMode: false,
      },
    });
  });

  it('names each field it cannot send', () => {
    const draft = {
      ...draftOf(application),
      executorTimeoutSecs: '2.5',
      gcRowsThreshold: '0',
      globalTimeoutHours: '-3',
    };
    const result = patchOf(draft);
    expect(result.ok ? [] : Object.keys(result.problems).sort()).toEqual([
      'executorTimeoutSecs',
      'gcRowsThreshold',
      'globalTimeoutMs',
    ]);
  });
});
