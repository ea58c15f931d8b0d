/** `http://cp/` + `/v2/x` → `http://cp/v2/x` (the base's trailing slashes dropped). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
