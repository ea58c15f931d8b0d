/** A logger that keeps every line, for tests that check or wait for what was logged. */
import type { Logger } from '../../src';
import { waitFor } from './util';

export interface LogLine {
  level: keyof Logger;
  message: string;
  fields: Record<string, unknown>;
}

export interface RecordingLogger extends Logger {
  readonly lines: LogLine[];
}

export function recordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  const at =
    (level: keyof Logger) =>
    (fields: Record<string, unknown>, message: string): void =>
      void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** What the runner (src/engine/runner.ts) logs as the last act of an execution. */
const EXECUTION_ENDS = new Set([
  'workflow execution stopped',
  'workflow finished',
  'workflow execution failed unexpectedly',
]);

/**
 * Resolves once `count` executions of `workflowId` in this process have ended, however they
 * ended: what they did is then all there is to see.
 */
export async function executionsEnded(
  logger: RecordingLogger,
  workflowId: string,
  count = 1,
): Promise<void> {
  await waitFor(
    () =>
      logger.lines.filter(
        (line) => EXECUTION_ENDS.has(line.message) && line.fields.workflowId === workflowId,
      ).length >= count,
    30_000,
    `${count} execution(s) of ${workflowId} ended`,
  );
}
