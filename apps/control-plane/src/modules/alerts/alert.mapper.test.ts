import { describe, expect, it } from 'vitest';
import { shownUrl } from './alert.mapper';

describe('shownUrl', () => {
  it('hides what follows the first path segment, and the query, where tokens go', () => {
    expect(shownUrl('https://hooks.slack.com/services/T0001/B0002/abcdefSECRET')).toBe(
      'https://hooks.slack.com/services/…',
    );
    expect(shownUrl('https://example.com/hook?token=SECRET')).toBe('https://example.com/hook/…');
    expect(shownUrl('https://example.com:8443/')).toBe('https://example.com:8443/');
  });

  it('shows a URL with at most one path segment whole', () => {
    expect(shownUrl('http://127.0.0.1:4000/alerts')).toBe('http://127.0.0.1:4000/alerts');
    expect(shownUrl('https://example.com/alerts/')).toBe('https://example.com/alerts');
  });
});
