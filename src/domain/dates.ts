/**
 * Date labels for the reader. date-fns does the calendar arithmetic; the labels come
 * from Intl.DateTimeFormat with one formatter per style, made once: date-fns' intlFormat builds
 * a new formatter on every call, which profiling showed costing seconds for the day picker and
 * chart of a 580-day archive. Dates are `YYYY-MM-DD` strings everywhere else; these read them
 * as local days, read and written here: date-fns' parseISO handles every ISO 8601 form and
 * weighed 1.3 KB of the first screen's script for a job of two lines.
 */

type Style = Intl.DateTimeFormatOptions;
const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(date: Date | number, style: Style): string {
  const key = JSON.stringify(style);
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat('en-US', style)));
  return formatter.format(date);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** YYYY-MM-DD as the local day's midnight; anything else (or no such day) is an invalid Date. */
export function parseDay(iso: string): Date {
  const m = DAY.exec(iso);
  if (!m) return new Date(NaN);
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = new Date(year, month, day);
  // Years below 100 would be read as 19xx; a day past the month's end would roll over.
  return year >= 100 && date.getMonth() === month && date.getDate() === day ? date : new Date(NaN);
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** A Date as YYYY-MM-DD (local day). */
export const isoDay = (date: Date) =>
  `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
/** "Friday, September 19, 2025" */
export const longDay = (iso: string) =>
  fmt(parseDay(iso), { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
/** "Fri, Sep 19, 2025" */
export const shortDay = (iso: string) =>
  fmt(parseDay(iso), { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
/** "Fri, Sep 19" */
export const shortDayNoYear = (iso: string) =>
  fmt(parseDay(iso), { weekday: 'short', month: 'short', day: 'numeric' });
/** "September 2025" */
export const monthYear = (date: Date) => fmt(date, { year: 'numeric', month: 'long' });
/** "September 15" */
export const monthDay = (date: Date) => fmt(date, { month: 'long', day: 'numeric' });
/** "Sep 12" */
export const shortMonthDay = (date: Date | number) => fmt(date, { month: 'short', day: 'numeric' });
/** "Tuesday" */
export const weekday = (date: Date | number) => fmt(date, { weekday: 'long' });
