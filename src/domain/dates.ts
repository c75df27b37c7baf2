/**
 * Date labels for the reader, through date-fns' intlFormat (the browser's own Intl data) rather
 * than `format`, whose pattern engine would add kilobytes to the first screen. Dates are
 * `YYYY-MM-DD` strings everywhere else; these parse them as local days.
 */
import { formatISO, intlFormat, parseISO } from 'date-fns';

const LOCALE = { locale: 'en-US' };
type Parts = Parameters<typeof intlFormat>[1];
const fmt = (date: Date | number, parts: Parts) => intlFormat(date, parts, LOCALE);

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
