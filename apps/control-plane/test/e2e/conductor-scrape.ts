import { vi } from 'vitest';
import { MetricsClock } from '../../src/modules/conductor-metrics/conductor-metrics.service';
import { lastCompletedMinute } from '../../src/modules/conductor-metrics/metrics-window';
import { scrape, type Scrape } from './prometheus-scrape';
import type { RunningControlPlane } from './start';

const MINUTE = 60_000;

/**
 * Scrapes `/v1/metrics` as of a pinned minute (through the MetricsClock seam: tests never wait
 * for a minute to pass), and sums a family over the minutes a workload spanned, so a workload
 * that straddles a minute boundary still adds up.
 */
export function conductorScraper(server: RunningControlPlane, key: string) {
  const clock = server.app.get(MetricsClock);
  /** Makes `/v1/metrics` report the minute starting at `windowStartMs`. */
  const pin = (windowStartMs: number) =>
    vi.spyOn(clock, 'now').mockReturnValue(windowStartMs + MINUTE + 1_500);
  const v1 = (query = '', headers: Record<string, string> = {}): Promise<Scrape> =>
    scrape(`${server.url}/v1/metrics${query}`, { authorization: `Bearer ${key}`, ...headers });
  return {
    pin,
    v1,
    /** Window starts of the minutes from `t0` to `t1`. */
    minutesBetween(t0: number, t1: number): number[] {
      const minutes: number[] = [];
      for (let m = lastCompletedMinute(t0 + MINUTE).start.getTime(); m <= t1; m += MINUTE) {
        minutes.push(m);
      }
      return minutes;
    },
    /** A rate family's matching series summed over `minutes`, as a count (rate × 60). */
    async countOver(
      minutes: readonly number[],
      family: string,
      labels: Record<string, string>,
    ): Promise<number> {
      let total = 0;
      for (const minute of minutes) {
        pin(minute);
        const series = (await v1()).samples(`dbos_conductor_v1_${family}`, labels);
        total += series.reduce((sum, sample) => sum + sample.value, 0);
      }
      return Math.round(total * 60);
    },
  };
}
