'use client';

import { useId, type ReactNode } from 'react';
import styles from './dashboards.module.css';

export interface TableColumn<Row> {
  label: string;
  cell: (row: Row) => ReactNode;
}

interface ChartFigureProps<Row> {
  title: string;
  /** What the chart shows in one sentence: the chart's accessible name, with `title`. */
  description: string;
  /** The chart itself (drawn for sighted users; hidden from assistive technology). */
  chart: ReactNode;
  /** The same data as a table: the fallback for screen readers, keyboards and tests. */
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** A last row under the others, e.g. the totals. */
  footer?: ReactNode;
  testId: string;
}

/**
 * One accessible chart: a figure named by its caption, the drawing as an image with a
 * description, and its data as a table behind a disclosure (every chart has one).
 */
export function ChartFigure<Row>({
  title,
  description,
  chart,
  columns,
  rows,
  rowKey,
  footer,
  testId,
}: ChartFigureProps<Row>) {
  const captionId = useId();
  return (
    <figure className={styles.chart} aria-labelledby={captionId} data-testid={testId}>
      <figcaption id={captionId} className={styles.chartTitle}>
        {title}
      </figcaption>
      <div role="img" aria-label={`${title}. ${description}`}>
        {chart}
      </div>
      <details className={styles.chartData}>
        <summary>Show {title.toLowerCase()} as a table</summary>
        <div className="table-scroll" tabIndex={0}>
          <table className="table table-dense" data-testid={`${testId}-table`}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.label} scope="col">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <td key={column.label}>{column.cell(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            {footer && <tfoot>{footer}</tfoot>}
          </table>
        </div>
      </details>
    </figure>
  );
}
