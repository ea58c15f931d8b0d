import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from './query-client';
import { hashKey, keyStartsWith } from './query-key';

/** A request the test answers when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const newClient = (onError = vi.fn()) =>
  new QueryClient({ defaults: { staleTime: 60_000, retry: false }, onError });

const shown = { enabled: true, staleTime: 0 };

afterEach(() => vi.useRealTimers());

describe('query keys', () => {
  it('identify a key by value, whatever the order of an object’s fields', () => {
    expect(hashKey(['w', { a: 1, b: 2 }])).toBe(hashKey(['w', { b: 2, a: 1 }]));
    expect(hashKey(['w', { a: 1 }])).not.toBe(hashKey(['w', { a: 2 }]));
  });

  it('match a prefix element by element', () => {
    expect(
      keyStartsWith(['workflows', 'acme', 'shop', 'detail', 'w1'], ['workflows', 'acme', 'shop']),
    ).toBe(true);
    expect(keyStartsWith(['workflows', 'acme', 'shopping'], ['workflows', 'acme', 'shop'])).toBe(
      false,
    );
    expect(keyStartsWith(['workflows'], ['workflows', 'acme'])).toBe(false);
  });
});

describe('QueryClient', () => {
  it('sends one request for concurrent fetches of a key', async () => {
    const client = newClient();
    const answer = deferred<string>();
    const queryFn = vi.fn(() => answer.promise);
    const first = client.query({ queryKey: ['k'], queryFn }).fetch();
    const second = client.query({ queryKey: ['k'], queryFn }).fetch();
    answer.resolve('v');
    await expect(Promise.all([first, second])).resolves.toEqual(['v', 'v']);
    expect(queryFn).toHaveBeenCalledTimes(1);
    expect(client.query({ queryKey: ['k'], queryFn }).state).toMatchObject({
      status: 'success',
      data: 'v',
      isFetching: false,
    });
  });

  it('refetches on invalidation only what is shown, and never lets an older answer win', async () => {
    const client = newClient();
    const answers = [deferred<string>(), deferred<string>()];
    let call = 0;
    const detail = client.query({
      queryKey: ['workflows', 'acme', 'shop', 'detail', 'w1'],
      queryFn: () => answers[call++]!.promise,
    });
    const hidden = vi.fn(() => Promise.resolve('hidden'));
    const other = client.query({
      queryKey: ['workflows', 'acme', 'shop', 'steps', 'w1'],
      queryFn: hidden,
    });
    client.observe(detail, shown);
    await other.fetch();
    expect(other.isStale(60_000)).toBe(false);

    const before = detail.fetch().catch(() => undefined);
    const invalidated = client.invalidateQueries({ queryKey: ['workflows', 'acme', 'shop'] });
    answers[1]!.resolve('after the change');
    await invalidated;
    answers[0]!.resolve('before the change');
    await before;

    expect(detail.state.data).toBe('after the change');
    // Not shown: marked stale for when it is, not refetched now.
    expect(hidden).toHaveBeenCalledTimes(1);
    expect(other.isStale(60_000)).toBe(true);
  });

  it('keeps the data it had when a refetch fails, and reports the failure', async () => {
    const onError = vi.fn();
    const client = newClient(onError);
    let fail = false;
    const query = client.query({
      queryKey: ['k'],
      queryFn: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve('v')),
    });
    await query.fetch();
    fail = true;
    await expect(query.fetch()).rejects.toThrow('down');
    expect(query.state).toMatchObject({ status: 'error', data: 'v', isFetching: false });
    expect(query.state.error?.message).toBe('down');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('retries as its policy says, waiting longer each time', async () => {
    vi.useFakeTimers();
    const client = newClient();
    const queryFn = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('one'))
      .mockRejectedValueOnce(new Error('two'))
      .mockResolvedValue('third time');
    const result = client
      .query({ queryKey: ['k'], queryFn, retry: (failures) => failures < 2 })
      .fetch();
    await vi.advanceTimersByTimeAsync(999);
    expect(queryFn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(queryFn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(result).resolves.toBe('third time');
    expect(queryFn).toHaveBeenCalledTimes(3);
  });

  it('forgets queries by prefix, or all of them', async () => {
    const client = newClient();
    const a = client.query({
      queryKey: ['apps', 'acme', 'detail', 'shop'],
      queryFn: () => Promise.resolve(1),
    });
    const b = client.query({
      queryKey: ['apps', 'other', 'list'],
      queryFn: () => Promise.resolve(2),
    });
    await Promise.all([a.fetch(), b.fetch()]);
    client.removeQueries({ queryKey: ['apps', 'acme'] });
    expect(client.query(a.options)).not.toBe(a);
    expect(client.query(b.options)).toBe(b);
    client.removeQueries();
    expect(client.query(b.options).state.status).toBe('pending');
  });

  it('hands a server-rendered page’s answers to the browser, not its failures', async () => {
    const server = newClient();
    await server.prefetchQuery({
      queryKey: ['health', 'live'],
      queryFn: () => Promise.resolve('up'),
    });
    await server.prefetchQuery({
      queryKey: ['health', 'ready'],
      queryFn: () => Promise.reject(new Error('no database')),
    });
    const state = server.dehydrate();
    expect(state.queries.map((q) => q.queryKey)).toEqual([['health', 'live']]);

    const browser = newClient();
    browser.hydrate(state, { onlyNew: true });
    const live = browser.query({
      queryKey: ['health', 'live'],
      queryFn: () => Promise.resolve('x'),
    });
    expect(live.state).toMatchObject({ status: 'success', data: 'up' });
    expect(live.isStale(60_000)).toBe(false);
  });

  it('takes a server answer for a cached query only when newer, keeping its fetcher', async () => {
    const browser = newClient();
    const fetcher = vi.fn(() => Promise.resolve('from the browser'));
    const query = browser.query({ queryKey: ['k'], queryFn: fetcher });
    await query.fetch();
    const served = (data: string, dataUpdatedAt: number) => ({
      queries: [{ queryKey: ['k'], data, dataUpdatedAt }],
    });
    browser.hydrate(served('older', 1), { onlyNew: false });
    expect(query.state.data).toBe('from the browser');
    browser.hydrate(served('newer', query.state.dataUpdatedAt + 1), { onlyNew: false });
    expect(query.state.data).toBe('newer');
    await query.fetch();
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(query.state.data).toBe('from the browser');
  });
});
