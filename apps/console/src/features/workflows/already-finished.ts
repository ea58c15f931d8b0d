/**
 * An action that found the workflow finished (a cancel that came too late, a resume of a SUCCESS
 * or ERROR one), in the words the audit log uses too: nothing `undone`, e.g. cancelled.
 */
export function alreadyFinished(status: string | null, undone: string): string {
  return `already finished (${status ?? 'status unknown'}): nothing ${undone}`;
}
