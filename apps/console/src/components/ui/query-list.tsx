import type { ReactNode } from 'react';
import { ProblemAlert } from './problem-alert';

interface QueryListProps<Item> {
  /** The fetched list; undefined until the first answer. */
  items: readonly Item[] | undefined;
  /** The fetch's error, shown above whatever else shows. */
  error: unknown;
  /** What shows until the first answer. */
  loading?: ReactNode;
  /** What shows instead of an empty table; without it, the table shows with no rows. */
  empty?: ReactNode;
  /** The table of a list with rows. */
  children: (items: readonly Item[]) => ReactNode;
}

/**
 * A fetched list in each of its states: the problem if the fetch failed, a line while it
 * loads, the empty state when there is nothing, else its table. Rows fetched earlier stay
 * on screen under a failed refresh.
 */
export function QueryList<Item>({
  items,
  error,
  loading = 'Loading…',
  empty,
  children,
}: QueryListProps<Item>) {
  let body: ReactNode = null;
  if (items === undefined) {
    if (!error) body = <p className="muted">{loading}</p>;
  } else if (items.length === 0 && empty !== undefined) {
    body = empty;
  } else {
    body = children(items);
  }
  return (
    <>
      <ProblemAlert error={error} />
      {body}
    </>
  );
}
