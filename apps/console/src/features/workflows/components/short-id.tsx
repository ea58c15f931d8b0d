/** A long id cut to its first characters, whole on hover (app versions, executor ids). */
export function ShortId({ value, length = 8 }: { value: string | null; length?: number }) {
  if (!value) return <span className="muted-inline">—</span>;
  return (
    <span className="mono" title={value}>
      {value.length > length ? `${value.slice(0, length)}…` : value}
    </span>
  );
}
