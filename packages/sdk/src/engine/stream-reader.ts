/**
 * Reading a workflow's stream from outside any workflow (`podium.readStream`), as DBOS's
 * `readStream`: values in order from an offset, waiting for new ones, until the stream's close
 * marker or, once the workflow is no longer active, its last value.
 *
 * Waits are woken, not polled tight: by writes in this process at once, by writes in other
 * processes through the database's notifications (one LISTEN per process, opened by the first
 * read), and by the end of a local execution of the workflow. A poll every `pollIntervalMs`
 * bounds every wait, so a lost notification (or a workflow finishing in another process) only
 * delays a reader. Arming before reading means no notification is missed in between.
 */
import { InvalidOperationError, StreamTimeoutError, WorkflowNotFoundError } from '../errors';
import { deserializeValue } from '../internal/serialization';
import { sleep } from '../internal/sleep';
import type { Logger } from '../logger';
import { TERMINAL_STATUSES, type ReadStreamOptions } from '../types';
import { type Notifier, streamKey } from './notifier';
import { isCloseMarker } from './storage/history-storage';
import type { Storage } from './storage/storage';

/** Values fetched per query while a reader catches up. */
const BATCH = 100;

export interface StreamReaderDeps {
  storage: Storage;
  notifier: Notifier;
  logger: Logger;
  pollIntervalMs: number;
  /** The local execution of a workflow, if one runs here: its end wakes the readers. */
  running(workflowId: string): Promise<unknown> | undefined;
  /** Aborts (with its reason, a `NotLaunchedError`) when the engine shuts down. */
  signal: AbortSignal;
}

export class StreamReader {
  private watching: Promise<void> | undefined;

  constructor(private readonly deps: StreamReaderDeps) {}

  async *read<T>(
    workflowId: string,
    key: string,
    options: ReadStreamOptions = {},
  ): AsyncGenerator<T, void, undefined> {
    const { offset: start = 0, timeoutMs } = options;
    if (!Number.isInteger(start) || start < 0) {
      throw new InvalidOperationError('offset must be a non-negative integer');
    }
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new InvalidOperationError('timeoutMs must be a positive number');
    }
    const { storage, notifier, signal } = this.deps;
    await this.watch();
    let offset = start;
    let finalRead = false;
    let deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    for (;;) {
      if (signal.aborted) throw signal.reason as Error;
      const wake = notifier.arm(streamKey(workflowId, key));
      try {
        const read = await storage.streams.readStream(workflowId, key, offset, BATCH);
        if (read.status === null) throw new WorkflowNotFoundError(workflowId);
        if (read.rows.length > 0) {
          wake.cancel();
          for (const row of read.rows) {
            if (isCloseMarker(row)) return;
            offset = row.offset + 1;
            yield deserializeValue(row.value) as T;
            if (timeoutMs !== undefined) deadline = Date.now() + timeoutMs;
          }
          continue;
        }
        // Nothing new, and nothing more will come: read once more, in case a workflow that was
        // cancelled (it then stops at its next step) wrote meanwhile, and end.
        if (TERMINAL_STATUSES.has(read.status)) {
          if (finalRead) return;
          finalRead = true;
          continue;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new StreamTimeoutError(workflowId, key, timeoutMs ?? 0);
        const waitMs = Math.min(remaining, this.deps.pollIntervalMs);
        await this.wait(wake.woken, waitMs, this.deps.running(workflowId));
      } finally {
        wake.cancel();
      }
    }
  }

  /** Resolves on a wake-up, the end of the local execution, or after `ms`. */
  private async wait(woken: Promise<void>, ms: number, running: Promise<unknown> | undefined) {
    const timer = new AbortController();
    const stop = AbortSignal.any([timer.signal, this.deps.signal]);
    try {
      const ended = running?.then(
        () => undefined,
        () => undefined,
      );
      await Promise.race([sleep(ms, stop), woken, ...(ended === undefined ? [] : [ended])]);
    } finally {
      timer.abort();
    }
  }

  /** Subscribes once to the database's stream notifications (other processes' writes). */
  private watch(): Promise<void> {
    this.watching ??= this.deps.storage.streams
      .watch((workflowId, key) => this.deps.notifier.notify(streamKey(workflowId, key)))
      .then(
        () => undefined,
        (error: unknown) => {
          this.deps.logger.warn({ err: String(error) }, 'stream notifications unavailable');
        },
      );
    return this.watching;
  }
}
