import { describe, expect, it } from 'vitest';
import { LIST_HEADERS, readListHeaders, writeListHeaders } from '../src/rest-api';

const read = (headers: Record<string, string>) =>
  readListHeaders((name) => new Headers(headers).get(name));

describe('list headers', () => {
  it('carry a page and read back as it was', () => {
    const meta = {
      total: 120,
      limit: 50,
      offset: 50,
      nextOffset: 100,
      lastKnown: { at: '2026-12-04T23:00:00.000Z', reason: 'no executor connected' as const },
    };
    const headers = writeListHeaders(meta);
    expect(headers).toEqual({
      'X-Total-Count': '120',
      'X-Page-Limit': '50',
      'X-Page-Offset': '50',
      'X-Next-Offset': '100',
      'X-Podium-Last-Known-At': '2026-12-04T23:00:00.000Z',
      'X-Podium-Last-Known-Reason': 'no executor connected',
    });
    expect(read(headers)).toEqual({ success: true, data: meta });
  });

  it('leave out what a page does not know (last page, uncounted, live)', () => {
    expect(writeListHeaders({ limit: 50, offset: 0 })).toEqual({
      [LIST_HEADERS.limit]: '50',
      [LIST_HEADERS.offset]: '0',
    });
    expect(read({ [LIST_HEADERS.source]: 'records' }).data).toEqual({ source: 'records' });
  });

  it('refuse headers that are not what the control plane writes', () => {
    expect(read({ [LIST_HEADERS.total]: 'many' }).success).toBe(false);
    expect(read({ [LIST_HEADERS.nextOffset]: '-1' }).success).toBe(false);
    expect(read({ [LIST_HEADERS.lastKnownAt]: 'yesterday' }).success).toBe(false);
  });
});
