'use client';

import { useId } from 'react';
import { PAGE_SIZES } from '../filters';

interface PaginationProps {
  offset: number;
  limit: number;
  /** Rows on this page. */
  count: number;
  /** Set when another page may follow. */
  nextOffset: number | undefined;
  onPage: (offset: number, limit: number) => void;
}

export function Pagination({ offset, limit, count, nextOffset, onPage }: PaginationProps) {
  const sizeId = useId();
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="muted" data-testid="page-range">
        {count === 0 ? 'No rows' : `Rows ${offset + 1}–${offset + count}`}
      </span>
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
        disabled={nextOffset === undefined}
        onClick={() => nextOffset !== undefined && onPage(nextOffset, limit)}
      >
        Next
      </button>
    </nav>
  );
}
