import { Link } from './link';
import { CopyButton } from './copy-button';

interface CopyableIdProps {
  value: string;
  /** What the id is, for the copy button's name: "workflow ID" → "Copy workflow ID …". */
  kind: string;
  /** Makes the id a link to its object. */
  href?: string;
  /** Shows only the first characters (the whole id on hover, and copied whole). */
  shortTo?: number;
  testId?: string;
}

/** An id in a monospace font with a copy button beside it; the button copies it whole. */
export function CopyableId({ value, kind, href, shortTo, testId }: CopyableIdProps) {
  const shown = shortTo && value.length > shortTo ? `${value.slice(0, shortTo)}…` : value;
  return (
    <span className="copyable-id">
      {href ? (
        <Link className="mono" href={href} title={value} data-testid={testId}>
          {shown}
        </Link>
      ) : (
        <span className="mono" title={value} data-testid={testId}>
          {shown}
        </span>
      )}
      <CopyButton text={value} label={`Copy ${kind} ${value}`} compact />
    </span>
  );
}
