/** A tiny JSON client for the control plane's HTTP API, for end-to-end tests. */
export function apiClient(baseUrl: string) {
  return async function api(
    method: string,
    path: string,
    options: { key?: string; body?: unknown } = {},
  ): Promise<{
    status: number;
    headers: Headers;
    body: Record<string, unknown>;
    contentType: string;
  }> {
    const headers: Record<string, string> = {};
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
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
