import type { ReactNode } from 'react';

/** A column heading: its text, or (for a heading that is a control) a key, content and class. */
export type ColumnHeading = string | { key: string; content: ReactNode; className?: string };

interface DataTableProps {
  /** Headings, left to right. */
  columns: readonly ColumnHeading[];
  /** A last column of row buttons or links, with no visible heading: its name for screen readers. */
  actionsColumn?: string;
  /** Tighter rows, for long lists. */
  dense?: boolean;
  /**
   * Lets a wide table scroll sideways inside its own box instead of stretching the page (on a
   * phone, every table is wide). On by default.
   */
  scroll?: boolean;
  testId?: string;
  /** The rows (`<tr>`s). */
  children: ReactNode;
}

/** A table of records: one heading row, then the rows it is given. */
export function DataTable({
  columns,
  actionsColumn,
  dense = false,
  scroll = true,
  testId,
  children,
}: DataTableProps) {
  const table = (
    <table className={dense ? 'table table-dense' : 'table'} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) =>
            typeof column === 'string' ? (
              <th key={column}>{column}</th>
            ) : (
              <th key={column.key} className={column.className}>
                {column.content}
              </th>
            ),
          )}
          {actionsColumn && (
            <th>
              <span className="visually-hidden">{actionsColumn}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  // Focusable, so a keyboard alone can scroll it (a table may have no link or button in it).
  return scroll ? (
    <div className="table-scroll" tabIndex={0}>
      {table}
    </div>
  ) : (
    table
  );
}
