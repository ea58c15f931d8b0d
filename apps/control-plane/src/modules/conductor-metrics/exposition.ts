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

/** One application's samples, and the window the rates and maxima are stamped with. */
export interface AppSamples {
  readonly application: string;
  readonly windowStartMs: number;
  readonly samples: readonly GaugeSample[];
}

/**
 * The exposition text: each family's HELP and TYPE (gauge) once, then its samples, application
 * by application. Rates and maxima carry the window's start (`point` families no timestamp):
 * milliseconds in the Prometheus text format, seconds in OpenMetrics, which ends `# EOF`.
 */
export function renderExposition(apps: readonly AppSamples[], format: ExpositionFormat): string {
  const lines: string[] = [];
  for (const family of Object.keys(CONDUCTOR_FAMILIES) as ConductorFamily[]) {
    const name = FAMILY_PREFIX + family;
    const stamped = CONDUCTOR_FAMILIES[family].kind !== 'point';
    let headed = false;
    for (const app of apps) {
      const application = `{application="${escapeLabel(app.application)}"`;
      const stamp = stamped
        ? ` ${format === 'openmetrics' ? app.windowStartMs / 1000 : app.windowStartMs}`
        : '';
      for (const sample of app.samples) {
        if (sample.family !== family) continue;
        if (!headed) {
          lines.push(`# HELP ${name} ${CONDUCTOR_FAMILIES[family].help}`, `# TYPE ${name} gauge`);
          headed = true;
        }
        // Built by concatenation: a scrape renders ~100 series per application.
        let labels = application;
        for (const [key, value] of Object.entries(sample.labels)) {
          labels += `,${key}="${escapeLabel(value)}"`;
        }
        lines.push(`${name}${labels}} ${sample.value}${stamp}`);
      }
    }
  }
  if (format === 'openmetrics') lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

const NEEDS_ESCAPE = /[\\"\n]/;

function escapeLabel(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
