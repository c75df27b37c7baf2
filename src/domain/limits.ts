/**
 * Limits on every field from every source. Inputs are untrusted (JSON lines have no limits of
 * their own: a 1 MB title, 100,000 authors): a field over its limit is refused or cut, with a
 * message, at ingest and at import, so no record can break the page or stall the reader.
 */
import { addIsoDays } from './iso-date';

export const LIMITS = {
  /** Characters of a title; longer is refused (no real title is this long). */
  title: 300,
  /** Characters of an abstract; longer is refused (almost always two papers run together). */
  abstract: 10_000,
  /** Characters of one author's name; longer is cut. */
  author: 200,
  /** Authors kept per paper; more are cut (collaboration papers list thousands). */
  authors: 500,
  /** Links kept per paper. */
  links: 20,
  /** Characters of a URL; longer links are dropped. */
  url: 2_000,
  /** arXiv categories kept per paper, and characters of each. */
  categories: 20,
  category: 40,
  /** Characters of a note on a saved paper. */
  note: 2_000,
  /** Entries in an imported file (saved papers, read marks). */
  importEntries: 20_000,
  /** Bytes of an imported file. */
  importBytes: 5_000_000,
  /** Subscriptions kept. */
  subscriptions: 50,
  /** Topics followed, and topics of one subscription. */
  followed: 500,
  /** Authors followed. */
  followedAuthors: 500,
  /** Collections (distinct names) in all, and collections one saved paper is in. */
  collections: 500,
  collectionsPerPaper: 20,
} as const;

/** The message for a list cut to its limit: "only the first 500 of 250,000 followed topics were kept". */
export const keptFirst = (kept: number, total: number, what: string) =>
  `only the first ${kept.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${what} were kept`;

/** The first day a feed can have (arXiv opened in August 1991). */
export const FIRST_DAY = '1991-01-01';

/** The last day a feed can have: the end of next year, from today's date as YYYY-MM-DD. */
export const lastDay = (today: string) => `${Number(today.slice(0, 4)) + 1}-12-31`;

/**
 * Why a feed day is outside the sane window, or null when it is inside. A day after tomorrow
 * (UTC; tomorrow is allowed for a feed a time zone ahead) would become the newest day and stop
 * `update` fetching, so it is refused unless `allowFuture`; even then, not past `lastDay`.
 */
export function dateProblem(date: string, today: string, allowFuture = false): string | null {
  const last = lastDay(today);
  const tomorrow = addIsoDays(today, 1);
  if (date < FIRST_DAY)
    return `the date ${date} is before ${FIRST_DAY}, when arXiv began; is the year mistyped?`;
  if (date > tomorrow && !allowFuture)
    return `the date ${date} is after tomorrow (${tomorrow}, UTC); is the date mistyped? pass --allow-future to ingest it anyway`;
  if (date > last) return `the date ${date} is after ${last}; is the year mistyped?`;
  return null;
}

/** A string cut to `max` characters, with an ellipsis when it was cut. */
export const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
