// Executors put their API key in the URL path (`.../websocket/<app>/<key>`, the
// DBOS convention), so every URL is redacted before it reaches a log line.
const EXECUTOR_KEY_IN_PATH = /(\/websocket\/[^/?#]+\/)[^/?#]+/g;

export const REDACTED = '[REDACTED]';

export function redactUrl(url: string): string {
  return url.replace(EXECUTOR_KEY_IN_PATH, `$1${REDACTED}`);
}

/** Object paths pino blanks in every log record. */
export const REDACTED_LOG_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.apiKey',
  '*.token',
];
