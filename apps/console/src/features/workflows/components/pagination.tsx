'use client';

import { useId } from 'react';
import { PAGE_SIZES } from '../filters';

interface PaginationProps {
  offset: number;
  limit: number;
  /** Rows on this page. */
  count: number;
  /** Set when another page may follow (the page came back full). */
  nextOffset: number | undefined;
  /** How many rows the filters match in all, when the executor could count them. */
  total: number | undefined;
  onPage: (offset: number, limit: number) => void;
}

const number = new Intl.NumberFormat('en-US');

/**
 * Previous and Next. With a total, Next knows the last page (a full last page no longer offers
 * an empty one after it) and the pages are numbered; without one (an executor too old to count)
 * a full page is taken to mean that another may follow.
 */
export function Pagination({ offset, limit, count, nextOffset, total, onPage }: PaginationProps) {
  const sizeId = useId();
  const isLastPage = total !== undefined ? offset + count >= total : nextOffset === undefined;
  const pages = total !== undefined ? Math.max(1, Math.ceil(total / limit)) : undefined;
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="muted" data-testid="page-range">
        {count === 0
          ? 'No rows'
          : `Rows ${number.format(offset + 1)}–${number.format(offset + count)}` +
            (total !== undefined ? ` of ${number.format(total)}` : '')}
      </span>
      {pages !== undefined && (
        <span className="muted" data-testid="page-number">
          Page {number.format(Math.floor(offset / limit) + 1)} of {number.format(pages)}
        </span>
      )}
      <label htmlFor={sizeId} className="muted">
        Rows per page
      </label>
      <select id={sizeId} value={limit} onChange={(event) => onPage(0, Number(event.target.value))}>
        {PAGE_SIZES.map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-small"
        disabled={offset === 0}
        onClick={() => onPage(Math.max(0, offset - limit), limit)}
      >
        Previous
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={isLastPage}
        onClick={() => onPage(nextOffset ?? offset + count, limit)}
      >
        Next
      </button>
    </nav>
  );
}
