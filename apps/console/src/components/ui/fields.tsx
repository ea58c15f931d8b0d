import type { ReactNode } from 'react';

/** A label/value list: `<Fields><Field label="Version">0.1.0</Field></Fields>`. */
export function Fields({ children }: { children: ReactNode }) {
  return <dl className="fields">{children}</dl>;
}

interface FieldProps {
  label: string;
  testId?: string;
  children: ReactNode;
}

export function Field({ label, testId, children }: FieldProps) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
