/**
 * The feed's logic without React: which days a view covers, moving between days that exist,
 * and the one query function that filters, counts, searches and sorts a list of papers. The app
 * runs it on the main thread for a day, week or month and in the search worker for all days.
 */
import { addDays, endOfISOWeek, endOfMonth, startOfISOWeek, startOfMonth } from 'date-fns';
import { isoDay, longDay, monthDay, monthYear, parseDay, shortDay } from './dates';
import type { Paper } from './schema';
import type { SearchEngine } from './search';

export const VIEWS = ['day', 'week', 'month'] as const;
export type View = (typeof VIEWS)[number];
export const SORTS = ['relevance', 'newest', 'title'] as const;
export type Sort = (typeof SORTS)[number];
export type TopicMode = 'any' | 'all';

/** What the reader asked to see; everything a URL carries besides the page and the range. */
export interface FeedQuery {
  q: string;
  topics: string[];
  topicMode: TopicMode;
  hasCode: boolean;
  hideRead: boolean;
  onlyNew: boolean;
  sort: Sort;
}

export const EMPTY_QUERY: FeedQuery = {
  q: '',
  topics: [],
  topicMode: 'any',
  hasCode: false,
  hideRead: false,
  onlyNew: false,
  sort: 'relevance',
};

/** What the reader's own state contributes to a query. */
export interface QueryContext {
  read?: ReadonlySet<string>;
  /** Papers that count as new (see since-last-visit). */
  isNew?: (paper: Paper) => boolean;
}

export interface QueryResult {
  /** Matching papers, in display order. */
  papers: Paper[];
  /** For each topic, how many papers would match with that topic's filter as the only topic filter. */
  topicCounts: Record<string, number>;
  /** How many match with "has code" turned on. */
  codeCount: number;
  /** Index terms the search matched, for highlighting. */
  matches: string[];
  /** The words the search used (stop words dropped), for an empty-result message. */
  words: string[];
}

const toDate = parseDay;
const toIso = isoDay;

/** The first and last date (inclusive) that a view around `date` covers. */
export function viewRange(date: string, view: View): [string, string] {
  const d = toDate(date);
  if (view === 'day') return [date, date];
  if (view === 'week') return [toIso(startOfISOWeek(d)), toIso(endOfISOWeek(d))];
  return [toIso(startOfMonth(d)), toIso(endOfMonth(d))];
}

/** The dates of `days` (sorted ascending) that fall in the view around `date`. */
export function datesInView(days: readonly string[], date: string, view: View): string[] {
  const [from, to] = viewRange(date, view);
  return days.filter((d) => d >= from && d <= to);
}

/**
 * The date to move to from the view around `date`: the nearest day with papers before (-1) or
 * after (+1) the current range, skipping empty days, weeks and months. Null at either end.
 */
export function stepDate(
  days: readonly string[],
  date: string,
  view: View,
  direction: -1 | 1,
): string | null {
  const [from, to] = viewRange(date, view);
  if (direction < 0) {
    for (let i = days.length - 1; i >= 0; i--) if (days[i]! < from) return days[i]!;
    return null;
  }
  for (const d of days) if (d > to) return d;
  return null;
}

/** "Friday, September 19, 2025", "Week of September 15, 2025", "September 2025". */
export function rangeLabel(date: string, view: View): string {
  const d = toDate(date);
  if (view === 'day') return longDay(date);
  if (view === 'week') {
    const start = startOfISOWeek(d);
    const end = addDays(start, 6);
    const sameMonth = start.getMonth() === end.getMonth();
    return `Week of ${monthDay(start)}–${sameMonth ? end.getDate() : monthDay(end)}, ${end.getFullYear()}`;
  }
  return monthYear(d);
}

/** "Fri, Sep 19, 2025": a paper's date on a card. */
export function shortDate(date: string): string {
  return shortDay(date);
}

const hasCode = (paper: Paper) => paper.links.some((l) => l.kind === 'code');

function matchesTopics(paper: Paper, topics: readonly string[], mode: TopicMode): boolean {
  if (!topics.length) return true;
  return mode === 'all'
    ? topics.every((t) => paper.topics.includes(t))
    : topics.some((t) => paper.topics.includes(t));
}

/**
 * Filters, searches, counts and sorts `papers` (given in feed order: newest day first, page
 * order within a day). `engine` must index exactly `papers` in the same order; it is only used
 * when there is a query.
 */
export function runQuery(
  papers: readonly Paper[],
  engine: SearchEngine | null,
  query: FeedQuery,
  context: QueryContext = {},
): QueryResult {
  const { read, isNew } = context;
  const personal = (p: Paper) =>
    (!query.hideRead || !read?.has(p.id)) && (!query.onlyNew || !isNew || isNew(p));

  // `order` is the paper's place in the feed (newest day first, page order within a day).
  let candidates: { paper: Paper; order: number }[];
  let matches: string[] = [];
  let words: string[] = [];
  const q = query.q.trim();
  if (q && engine) {
    words = engine.queryWords(query.q);
    const hits = engine.search(query.q);
    matches = hits[0]?.matches ?? [];
    candidates = hits.map((h) => ({ paper: papers[h.index]!, order: h.index }));
  } else candidates = papers.map((paper, order) => ({ paper, order }));

  const base = candidates.filter(({ paper }) => personal(paper));
  const topicCounts: Record<string, number> = {};
  let codeCount = 0;
  const result: { paper: Paper; order: number }[] = [];
  for (const item of base) {
    const { paper } = item;
    const code = hasCode(paper);
    const topicsOk = matchesTopics(paper, query.topics, query.topicMode);
    if (topicsOk && code) codeCount++;
    if (!query.hasCode || code) {
      // Facet counts: the topic counts as if it were the only topic selected (any-of), or added
      // to the selection (all-of), so each number says what clicking the button would show.
      for (const t of paper.topics) {
        const counts = query.topicMode === 'all' ? matchesTopics(paper, query.topics, 'all') : true;
        if (counts) topicCounts[t] = (topicCounts[t] ?? 0) + 1;
      }
      if (topicsOk) result.push(item);
    }
  }
  const sort = effectiveSort(query);
  if (sort === 'title')
    result.sort((a, b) =>
      a.paper.title.localeCompare(b.paper.title, 'en', { sensitivity: 'base' }),
    );
  else if (sort === 'newest')
    result.sort(
      (a, b) =>
        (a.paper.date < b.paper.date ? 1 : a.paper.date > b.paper.date ? -1 : 0) ||
        a.order - b.order,
    );
  return { papers: result.map((r) => r.paper), topicCounts, codeCount, matches, words };
}

/** Relevance only means something with a search; without one the feed is newest first. */
export function effectiveSort(query: FeedQuery): Sort {
  return query.q.trim() ? query.sort : query.sort === 'relevance' ? 'newest' : query.sort;
}

/** A row of the rendered list: a date heading or a paper. */
export type ListRow =
  { kind: 'date'; date: string; count: number } | { kind: 'paper'; paper: Paper; position: number };

/** Rows for a list: date headings before each day's papers when sorted by date, else flat. */
export function listRows(papers: readonly Paper[], grouped: boolean): ListRow[] {
  const rows: ListRow[] = [];
  let current = '';
  papers.forEach((paper, position) => {
    if (grouped && paper.date !== current) {
      current = paper.date;
      let count = 0;
      for (let i = position; i < papers.length && papers[i]!.date === current; i++) count++;
      rows.push({ kind: 'date', date: current, count });
    }
    rows.push({ kind: 'paper', paper, position });
  });
  return rows;
}
