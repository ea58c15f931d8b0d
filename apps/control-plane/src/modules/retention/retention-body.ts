import type { RetentionBody } from '@podium/protocol';

/** An application's retention settings as stored (null = not set). */
export interface RetentionSettings {
  readonly gcTimeThresholdMs: bigint | null;
  readonly gcRowsThreshold: bigint | null;
  readonly globalTimeoutMs: bigint | null;
}

/** Whether there is anything to push (DBOS skips apps whose settings are all unset). */
export function hasRetention(settings: RetentionSettings): boolean {
  return (
    settings.gcTimeThresholdMs !== null ||
    settings.gcRowsThreshold !== null ||
    settings.globalTimeoutMs !== null
  );
}

/**
 * The `retention` body for `now`: durations become absolute cutoffs (`now − threshold`), as
 * DBOS Conductor sends them. The three cutoff keys are always present, null where unset
 * (Python answers `success:false` when one is missing); `gc_batch_size` is left out, for the
 * executor's default (Python takes a null one for "no batches").
 */
export function retentionBodyOf(settings: RetentionSettings, now: number): RetentionBody {
  return {
    gc_cutoff_epoch_ms: cutoff(settings.gcTimeThresholdMs, now),
    gc_rows_threshold: settings.gcRowsThreshold === null ? null : Number(settings.gcRowsThreshold),
    timeout_cutoff_epoch_ms: cutoff(settings.globalTimeoutMs, now),
  };
}

function cutoff(thresholdMs: bigint | null, now: number): number | null {
  return thresholdMs === null ? null : now - Number(thresholdMs);
}
