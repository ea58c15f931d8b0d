/** Helpers of the readiness checks (database, Redis): bounded waits, safe messages. */

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Driver messages can quote the connection string: the first line only, minus URLs. */
export function describeFailure(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const firstLine = message.split('\n').find((line) => line.trim()) ?? 'unknown error';
  return firstLine.replace(/\w+:\/\/\S+/g, '[connection string]').slice(0, 200);
}
