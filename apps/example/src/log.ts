/** A readable console logger for the example (the SDK accepts any pino-style logger). */
import type { Logger } from '@podium/sdk';

type Level = keyof Logger;

export function consoleLogger(options: { debug?: boolean } = {}): Logger {
  const write =
    (level: Level) =>
    (fields: Record<string, unknown>, message: string): void => {
      if (level === 'debug' && options.debug !== true) return;
      const time = new Date().toISOString().slice(11, 23);
      const details = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
      const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
      stream.write(`${time} ${level.padEnd(5)} ${message}${details}\n`);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
