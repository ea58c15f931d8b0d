/**
 * Conductor settings: which control plane to dial and with what key, resolved once from the
 * options (falling back to `CONDUCTOR_KEY` / `CONDUCTOR_URL`) and validated with the others.
 *
 * Invariant: the key only ever appears in `url`, which is given to the WebSocket client and
 * nothing else; logs use `redactedUrl`, and text from the server (redactKey).
 */

import {
  DEFAULT_CONDUCTOR_URL,
  EXECUTOR_METADATA_MAX_CHARS,
  executorMetadataChars,
} from '@podium/protocol';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './dispatch';

export interface ConductorSettings {
  /** `<base without trailing slashes>/websocket/<appName>/<key>`. Contains the key. */
  readonly url: string;
  /** The same URL with the key replaced by `[REDACTED]`. */
  readonly redactedUrl: string;
  /** JSON tags reported in `executor_info` (a deep copy of the option). */
  readonly executorMetadata: Record<string, unknown> | undefined;
  /** How many control-plane requests run at once and wait, and how long one may wait. */
  readonly requestLimits: RequestLimits;
}

export interface ConductorOptions {
  appName: string;
  conductorKey?: string;
  conductorUrl?: string;
  conductorExecutorMetadata?: Record<string, unknown>;
  conductorRequestLimits?: Partial<RequestLimits>;
}

export type Environment = Readonly<Record<string, string | undefined>>;

// Segments go into the path unencoded (DBOS executors do the same, and the control plane
// matches them verbatim), so characters that would change the URL's meaning are refused.
const UNSAFE_SEGMENT = /[/?#\s%]/;

/**
 * The conductor settings, or undefined when no key is configured (no agent runs). Problems are
 * appended to `issues`.
 */
export function resolveConductorSettings(
  options: ConductorOptions,
  env: Environment,
  issues: string[],
): ConductorSettings | undefined {
  const key = options.conductorKey ?? nonEmpty(env.CONDUCTOR_KEY);
  const base = options.conductorUrl ?? nonEmpty(env.CONDUCTOR_URL) ?? DEFAULT_CONDUCTOR_URL;
  const metadata = copyMetadata(options.conductorExecutorMetadata, issues);
  const requestLimits = requestLimitsOf(options.conductorRequestLimits, issues);
  if (key === undefined) return undefined;
  const before = issues.length;
  if (key.trim() === '' || UNSAFE_SEGMENT.test(key)) {
    issues.push('conductorKey must be a non-empty string without /, ?, #, % or spaces');
  }
  if (UNSAFE_SEGMENT.test(options.appName ?? '')) {
    issues.push('appName must not contain /, ?, #, % or spaces when a conductor is configured');
  }
  const trimmed = base.replace(/\/+$/, '');
  if (!isWebSocketUrl(trimmed)) {
    issues.push(`conductorUrl must be a ws:// or wss:// URL (got "${base}")`);
  }
  if (issues.length > before) return undefined;
  const prefix = `${trimmed}/websocket/${options.appName}/`;
  return {
    url: prefix + key,
    redactedUrl: `${prefix}${REDACTED}`,
    executorMetadata: metadata,
    requestLimits,
  };
}

const REDACTED = '[REDACTED]';

/**
 * `text` with the key in `target.url`, as written or percent-encoded, replaced by `[REDACTED]`:
 * for text a server sent, which may quote the URL (a default 404 page: "Cannot GET <path>").
 */
export function redactKey(
  text: string,
  target: Pick<ConductorSettings, 'url' | 'redactedUrl'>,
): string {
  const key = target.url.slice(target.redactedUrl.length - REDACTED.length);
  if (key === '') return text;
  return text.replaceAll(key, REDACTED).replaceAll(encodeURIComponent(key), REDACTED);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function isWebSocketUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'ws:' || url.protocol === 'wss:') && url.search === '' && url.hash === ''
    );
  } catch {
    return false;
  }
}

/** The defaults, with what the option sets; a value out of range is an issue. */
function requestLimitsOf(
  limits: Partial<RequestLimits> | undefined,
  issues: string[],
): RequestLimits {
  // An entry given as undefined is defaulted as an absent one.
  const given = Object.entries(limits ?? {}).filter(([, value]) => value !== undefined);
  const resolved: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...Object.fromEntries(given) };
  const { concurrent, waiting, maxWaitMs } = resolved;
  if (!Number.isInteger(concurrent) || concurrent < 1) {
    issues.push('conductorRequestLimits.concurrent must be a positive integer');
  }
  if (!Number.isInteger(waiting) || waiting < 0) {
    issues.push('conductorRequestLimits.waiting must be a non-negative integer');
  }
  if (!Number.isInteger(maxWaitMs) || maxWaitMs < 1) {
    issues.push('conductorRequestLimits.maxWaitMs must be a positive integer');
  }
  return resolved;
}

/** A deep copy through JSON, so what is reported is what was configured at construction. */
function copyMetadata(
  metadata: Record<string, unknown> | undefined,
  issues: string[],
): Record<string, unknown> | undefined {
  if (metadata === undefined) return undefined;
  const invalid = 'conductorExecutorMetadata must be a JSON-serialisable object';
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    issues.push(invalid);
    return undefined;
  }
  let copy: Record<string, unknown>;
  try {
    copy = JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>;
  } catch {
    issues.push(invalid);
    return undefined;
  }
  // The control plane refuses more (and closes the link), so say so at launch.
  if (executorMetadataChars(copy) > EXECUTOR_METADATA_MAX_CHARS) {
    issues.push(
      `conductorExecutorMetadata must be at most ${EXECUTOR_METADATA_MAX_CHARS} characters of JSON`,
    );
    return undefined;
  }
  return copy;
}
