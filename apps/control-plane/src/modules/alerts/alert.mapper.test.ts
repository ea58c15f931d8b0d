import { describe, expect, it } from 'vitest';
import { shownUrl } from './alert.mapper';

describe('shownUrl', () => {
  it('keeps the origin and hides the path and query, where tokens go', () => {
    expect(shownUrl('https://hooks.slack.com/services/T0001/B0002/abcdefSECRET')).toBe(
      'https://hooks.slack.com/…',
    );
    expect(shownUrl('https://ntfy.sh/secret-topic')).toBe('https://ntfy.sh/…');
    expect(shownUrl('https://example.com/?token=SECRET')).toBe('https://example.com/…');
  });

  it('shows a URL without path or query whole', () => {
    expect(shownUrl('https://example.com:8443')).toBe('https://example.com:8443/');
    expect(shownUrl('not a url')).toBe('invalid URL');
  });
});
