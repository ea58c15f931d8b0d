/** Only a guard against hanging: a wait ends as soon as what it waits for happens. */
export const DEFAULT_WAIT_TIMEOUT_MS = 30_000;

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function waitUntil<T>(
  probe: () => Promise<T> | T,
  timeoutMs = DEFAULT_WAIT_TIMEOUT_MS,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
