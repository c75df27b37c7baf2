/** `YYYY-MM-DD` dates, checked without a date library: shared by the parser and the URL reader. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when y-m-d is a real calendar date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Checks a YYYY-MM-DD string names a real day. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return !!m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The YYYY-MM-DD `n` days after `date` (before it, for negative `n`), in UTC. */
export function addIsoDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
