/**
 * How the process logger writes: `json` (one pino JSON line per record, for machines and log
 * shippers) or `pretty` (one readable line, for a person at a terminal). `auto` picks pretty
 * exactly when stdout is a terminal, so piped and collected output stays JSON.
 */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormatSetting = (typeof LOG_FORMATS)[number];
export type LogFormat = Exclude<LogFormatSetting, 'auto'>;

export function resolveLogFormat(
  setting: LogFormatSetting | undefined,
  stdoutIsTerminal: boolean,
): LogFormat {
  if (setting === 'json' || setting === 'pretty') return setting;
  return stdoutIsTerminal ? 'pretty' : 'json';
}
