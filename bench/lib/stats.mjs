export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const mib = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
export const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
