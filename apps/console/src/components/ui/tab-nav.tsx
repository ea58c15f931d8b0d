'use client';

import { Link } from './link';
import { usePathname } from 'next/navigation';

export interface TabItem {
  href: string;
  label: string;
  /** Also current on deeper paths (e.g. a workflow's page under the workflows tab). */
  prefixMatch?: boolean;
}

/** Section tabs: links, with the current one marked for screen readers and tests. */
export function TabNav({ items, label }: { items: TabItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav className="tabs" aria-label={label}>
      {items.map((item) => {
        const current =
          pathname === item.href || (item.prefixMatch && pathname.startsWith(`${item.href}/`));
        return (
          <Link key={item.href} href={item.href} aria-current={current ? 'page' : undefined}>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
