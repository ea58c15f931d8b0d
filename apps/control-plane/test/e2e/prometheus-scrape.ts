import {
  getMetricsFromIterator,
  type PromData,
  type PromHistogramData,
  type PromMetric,
} from 'prom2javascript';

/**
 * A scrape parsed by a Prometheus text-format parser (prom2javascript: it keeps the labels of
 * labelled histograms, which parse-prometheus-text-format folds into one unlabelled sample),
 * with lookups for tests.
 */
export interface Scrape {
  readonly text: string;
  /**
   * Sample lines whose value is NaN, left out of the parse: the format allows NaN (prom-client
   * writes `Nan` for event-loop percentiles with no sample since the last scrape), and
   * prom2javascript's number pattern does not read it.
   */
  readonly nanLines: readonly string[];
  readonly contentType: string;
  readonly families: Readonly<Record<string, PromMetric>>;
  /** The family's type as the exposition declared it (`gauge`, `counter`, `histogram`). */
  typeOf(name: string): string | undefined;
  /** The samples of a counter or gauge whose labels include `labels`. */
  samples(name: string, labels?: Record<string, string>): PromData[];
  /** The series of a histogram whose labels include `labels`. */
  histograms(name: string, labels?: Record<string, string>): PromHistogramData[];
  /** The one matching sample's value (counter, gauge); 0 when the series is absent. */
  value(name: string, labels?: Record<string, string>): number;
}

/** GETs a metrics endpoint (200 expected) and parses the exposition text. */
export async function scrape(url: string, headers: Record<string, string> = {}): Promise<Scrape> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`scrape of ${url}: ${res.status} ${text}`);
  return parseScrape(text, res.headers.get('content-type') ?? '');
}

export async function parseScrape(text: string, contentType: string): Promise<Scrape> {
  const lines = text.split('\n');
  const isNan = (line: string) => !line.startsWith('#') && /\sNaN(\s+-?\d+)?$/i.test(line);
  const families = await getMetricsFromIterator(lines.filter((l) => !isNan(l))[Symbol.iterator]());
  const matching = <T extends { labels: Record<string, string> }>(
    data: readonly T[],
    labels: Record<string, string>,
  ) => data.filter((d) => Object.entries(labels).every(([k, v]) => d.labels[k] === v));
  const samples = (name: string, labels: Record<string, string> = {}) =>
    matching((families[name]?.data ?? []) as PromData[], labels);
  return {
    text,
    nanLines: lines.filter(isNan),
    contentType,
    families,
    typeOf: (name) => families[name]?.type,
    samples,
    histograms: (name, labels = {}) =>
      matching((families[name]?.data ?? []) as PromHistogramData[], labels),
    value: (name, labels = {}) => {
      const found = samples(name, labels);
      if (found.length > 1) throw new Error(`${name}: ${found.length} series match`);
      return found[0]?.value ?? 0;
    },
  };
}
