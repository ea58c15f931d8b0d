import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  testId?: string;
}

/** What an empty list says instead of an empty table: why, and what to do next. */
export function EmptyState({ title, children, testId }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </div>
  );
}
