import {
  CONDUCTOR_FAMILIES,
  type ConductorFamily,
  FAMILY_PREFIX,
  type GaugeSample,
} from './conductor-families';

export type ExpositionFormat = 'prometheus' | 'openmetrics';

export const CONTENT_TYPES: Record<ExpositionFormat, string> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/** OpenMetrics when the scraper asks for it (Prometheus does, first), else text 0.0.4. */
export function formatFor(accept: string | undefined): ExpositionFormat {
  return accept?.includes('application/openmetrics-text') ? 'openmetrics' : 'prometheus';
}

/** A sample with its application, and the window start it is stamped with (rates, maxima). */
export interface AppSample extends GaugeSample {
  readonly application: string;
  readonly stampMs?: number;
}

/**
 * The exposition text: each family's HELP and TYPE (gauge) once, then its samples. Timestamps
 * are milliseconds in the Prometheus text format and seconds in OpenMetrics, which ends `# EOF`.
 */
export function renderExposition(samples: readonly AppSample[], format: ExpositionFormat): string {
  const byFamily = new Map<ConductorFamily, AppSample[]>();
  for (const sample of samples) {
    const list = byFamily.get(sample.family) ?? [];
    list.push(sample);
    byFamily.set(sample.family, list);
  }
  const lines: string[] = [];
  for (const family of Object.keys(CONDUCTOR_FAMILIES) as ConductorFamily[]) {
    const list = byFamily.get(family);
    if (!list) continue;
    const name = FAMILY_PREFIX + family;
    lines.push(`# HELP ${name} ${CONDUCTOR_FAMILIES[family].help}`, `# TYPE ${name} gauge`);
    for (const sample of list) {
      const labels = { application: sample.application, ...sample.labels };
      const text = Object.entries(labels)
        .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
        .join(',');
      const stamp =
        sample.stampMs === undefined
          ? ''
          : ` ${format === 'openmetrics' ? sample.stampMs / 1000 : sample.stampMs}`;
      lines.push(`${name}{${text}} ${sample.value}${stamp}`);
    }
  }
  if (format === 'openmetrics') lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
