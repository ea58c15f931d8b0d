/** Series colours (the console's theme variables, so dark mode follows) and shared chart props. */
export const SERIES_COLORS = {
  started: 'var(--accent)',
  succeeded: 'var(--ok-fg)',
  failed: 'var(--danger)',
  cancelled: 'var(--muted)',
  p50: 'var(--accent)',
  p95: 'var(--warn-fg)',
} as const;

/** Colours for series without a fixed meaning (versions, history), cycled. */
export const PALETTE = [
  'var(--accent)',
  'var(--ok-fg)',
  'var(--warn-fg)',
  'var(--danger)',
  'var(--info-fg)',
  'var(--muted)',
];

/** Every chart: fills its box, no animation (refreshes redraw in place), no own focus stop. */
export const CHART_PROPS = {
  responsive: true,
  style: { width: '100%', height: 220 },
  accessibilityLayer: false,
  margin: { top: 8, right: 8, bottom: 0, left: 0 },
} as const;

export const AXIS_TICK = { fill: 'var(--muted)', fontSize: 12 };
