/** The latest of the dates given, nulls ignored (null when none is a date). */
export function latest(...dates: ReadonlyArray<Date | null | undefined>): Date | null {
  let found: Date | null = null;
  for (const date of dates) if (date && (!found || date > found)) found = date;
  return found;
}
