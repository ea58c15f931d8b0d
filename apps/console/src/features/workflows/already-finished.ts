/** A cancel that came too late, in the words the audit log uses too. */
export function alreadyFinished(status: string | null): string {
  return `already finished (${status ?? 'status unknown'}): nothing cancelled`;
}
