import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Shown at the right of the title, e.g. a status badge. */
  aside?: ReactNode;
  testId?: string;
  children: ReactNode;
}

export function Panel({ title, aside, testId, children }: PanelProps) {
  return (
    <section className="panel" data-testid={testId}>
      <header className="panel-header">
        <h2>{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  );
}
