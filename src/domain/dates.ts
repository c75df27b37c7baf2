/**
 * Date labels for the reader. date-fns parses and does the calendar arithmetic; the labels come
 * from Intl.DateTimeFormat with one formatter per style, made once: date-fns' intlFormat builds
 * a new formatter on every call, which profiling showed costing seconds for the day picker and
 * chart of a 580-day archive. Dates are `YYYY-MM-DD` strings everywhere else; these read them
 * as local days.
 */
import { formatISO, parseISO } from 'date-fns';

type Style = Intl.DateTimeFormatOptions;
const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(date: Date | number, style: Style): string {
  const key = JSON.stringify(style);
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat('en-US', style)));
  return formatter.format(date);
}

export const parseDay = (iso: string) => parseISO(iso);
/** A Date as YYYY-MM-DD (local day). */
export const isoDay = (date: Date) => formatISO(date, { representation: 'date' });
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
