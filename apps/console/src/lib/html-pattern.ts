/**
 * A protocol regex as an HTML `pattern` attribute, so the browser checks the same rule as
 * the control plane. Browsers compile `pattern` with the `v` flag, which refuses an
 * unescaped `-` at the end of a character class (`[a-z0-9-]`), and anchor it themselves.
 */
export function htmlPattern(regex: RegExp): string {
  return regex.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/(?<!\\)-\]/g, '\\-]');
}
