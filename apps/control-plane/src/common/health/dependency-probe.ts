/** How the readiness checks (database, Redis) ping a dependency: a bounded wait, a safe answer. */

/** One ping's outcome. `detail` (the driver's words, minus URLs) is for the log only. */
export interface ProbeResult {
  readonly latencyMs: number;
  readonly failure?: { readonly reason: string; readonly detail: string };
}

/**
 * Pings within `timeoutMs`, then asks `stillDown` (a condition beyond the ping). A failure's
 * `reason` is what /readyz says publicly: that it timed out or failed, never the driver's
 * message, which can name hosts, ports, users and databases.
 */
export async function probeDependency(
  ping: () => Promise<unknown>,
  timeoutMs: number,
  stillDown: () => string | null = () => null,
): Promise<ProbeResult> {
  const started = performance.now();
  let failure: ProbeResult['failure'];
  try {
    await withTimeout(ping(), timeoutMs);
    const reason = stillDown();
    if (reason) failure = { reason, detail: reason };
  } catch (cause) {
    failure = {
      reason: cause instanceof PingTimeout ? cause.message : 'did not answer the ping',
      detail: describeFailure(cause),
    };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  return failure ? { latencyMs, failure } : { latencyMs };
}

class PingTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PingTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A driver's message on one line (Prisma's first says only which call failed), minus URLs:
 * they can quote the connection string and its password.
 */
export function describeFailure(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const oneLine = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  return (oneLine || 'unknown error').replace(/\w+:\/\/\S+/g, '[connection string]').slice(0, 500);
}
