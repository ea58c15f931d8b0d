import { formatRate } from '../format';
import type { OutcomeTotals } from '../workflow-series';
import styles from './dashboards.module.css';

/** The range's totals at a glance, above the charts. */
export function OutcomeSummary({ totals }: { totals: OutcomeTotals }) {
  const items: Array<[string, string, string]> = [
    ['started', 'Started', String(totals.started)],
    ['succeeded', 'Succeeded', String(totals.succeeded)],
    ['failed', 'Failed', String(totals.failed)],
    ['cancelled', 'Cancelled', String(totals.cancelled)],
    ['failure-rate', 'Failure rate', formatRate(totals.failureRate)],
  ];
  return (
    <dl className={styles.stats} data-testid="outcome-summary">
      {items.map(([key, label, value]) => (
        <div key={key} className={styles.stat} data-stat={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
