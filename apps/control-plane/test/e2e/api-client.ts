/** A tiny JSON client for the control plane's HTTP API, for end-to-end tests. */
export function apiClient(baseUrl: string) {
  return async function api(
    method: string,
    path: string,
    /** `minimal`: no `Prefer: return=representation` on a write (as DBOS's tools send it). */
    options: { key?: string; body?: unknown; minimal?: boolean } = {},
  ): Promise<{
    status: number;
    headers: Headers;
    body: Record<string, unknown>;
    contentType: string;
  }> {
    const headers: Record<string, string> = {};
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    // Writes ask for their result, as the console does: where DBOS Conductor answers 204 (cancel,
    // resume, delete and their bulk forms), the control plane gives it only when asked.
    if (method.toLowerCase() !== 'get' && !options.minimal) {
      headers.prefer = 'return=representation';
    }
    const res = await fetch(`${baseUrl}${path}`, {
      method: method.toUpperCase(),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
    return {
      status: res.status,
      headers: res.headers,
      body,
      contentType: res.headers.get('content-type') ?? '',
    };
  };
}
