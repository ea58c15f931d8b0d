import { encodeRequest } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { hasRetention, retentionBodyOf } from './retention-body';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const unset = { gcTimeThresholdMs: null, gcRowsThreshold: null, globalTimeoutMs: null };

describe('the retention body', () => {
  it('turns durations into cutoffs before now and keeps the rows threshold as is', () => {
    const body = retentionBodyOf(
      { gcTimeThresholdMs: 3_600_000n, gcRowsThreshold: 500n, globalTimeoutMs: 60_000n },
      NOW,
    );
    expect(body).toEqual({
      gc_cutoff_epoch_ms: NOW - 3_600_000,
      gc_rows_threshold: 500,
      timeout_cutoff_epoch_ms: NOW - 60_000,
    });
  });

  it('sends every cutoff key, null where unset, and no batch size (the executor default)', () => {
    const body = retentionBodyOf({ ...unset, gcRowsThreshold: 10n }, NOW);
    const { frame } = encodeRequest('retention', { request_id: 'r1', body });
    const sent = JSON.parse(frame) as { body: Record<string, unknown> };
    expect(sent.body).toEqual({
      gc_cutoff_epoch_ms: null,
      gc_rows_threshold: 10,
      timeout_cutoff_epoch_ms: null,
    });
  });

  it('has nothing to push when no threshold is set', () => {
    expect(hasRetention(unset)).toBe(false);
    expect(hasRetention({ ...unset, globalTimeoutMs: 1n })).toBe(true);
  });
});
