import type { Application, UpdateApplicationRequest } from '@podium/protocol/rest';

/**
 * The settings form's values as typed (strings) and back to DBOS's PATCH body. The console
 * shows time thresholds in hours, as DBOS's console does; the API takes milliseconds. An empty
 * box means "off", sent as -1 (DBOS: a negative value clears the threshold).
 */
export interface SettingsDraft {
  description: string;
  executorTimeoutSecs: string;
  gcTimeThresholdHours: string;
  gcRowsThreshold: string;
  globalTimeoutHours: string;
  privateMode: boolean;
}

const HOUR_MS = 3_600_000;
const CLEAR = -1;

export function draftOf(application: Application): SettingsDraft {
  const hours = (ms: number | null) => (ms === null ? '' : String(ms / HOUR_MS));
  return {
    description: application.description,
    executorTimeoutSecs: String(application.executorTimeoutSecs),
    gcTimeThresholdHours: hours(application.gcTimeThresholdMs),
    gcRowsThreshold:
      application.gcRowsThreshold === null ? '' : String(application.gcRowsThreshold),
    globalTimeoutHours: hours(application.globalTimeoutMs),
    privateMode: application.privateMode,
  };
}

export type DraftResult =
  | { readonly ok: true; readonly body: UpdateApplicationRequest }
  | { readonly ok: false; readonly problems: Record<string, string> };

/** The PATCH body, or a message per field (by its API name) the server would refuse. */
export function patchOf(draft: SettingsDraft): DraftResult {
  const problems: Record<string, string> = {};
  const read = (field: string, value: number | undefined, problem: string): number => {
    if (value === undefined) problems[field] = problem;
    return value ?? CLEAR;
  };
  const body: UpdateApplicationRequest = {
    description: draft.description.trim(),
    executorTimeoutSecs: read(
      'executorTimeoutSecs',
      wholeNumber(draft.executorTimeoutSecs),
      'must be a whole number of seconds',
    ),
    gcTimeThresholdMs: read(
      'gcTimeThresholdMs',
      hoursToMs(draft.gcTimeThresholdHours),
      'must be a positive number of hours, or empty for off',
    ),
    gcRowsThreshold: read(
      'gcRowsThreshold',
      optional(draft.gcRowsThreshold, wholeNumber),
      'must be a positive whole number, or empty for off',
    ),
    globalTimeoutMs: read(
      'globalTimeoutMs',
      hoursToMs(draft.globalTimeoutHours),
      'must be a positive number of hours, or empty for off',
    ),
    privateMode: draft.privateMode,
  };
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, body };
}

/** Empty: CLEAR; a positive number of hours: whole milliseconds; else undefined (invalid). */
function hoursToMs(text: string): number | undefined {
  return optional(text, (hours) => {
    const ms = Math.round(Number(hours) * HOUR_MS);
    return Number.isSafeInteger(ms) && ms >= 1 ? ms : undefined;
  });
}

function optional(text: string, parse: (text: string) => number | undefined) {
  return text.trim() === '' ? CLEAR : parse(text);
}

function wholeNumber(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}
