/**
 * The feed's logic without React: which days a view covers, moving between days that exist,
 * and the one query function that filters, counts, searches and sorts a list of papers. The app
 * runs it on the main thread for a day, week or month and in the search worker for all days.
 */
import { addDays, endOfISOWeek, endOfMonth, startOfISOWeek, startOfMonth } from 'date-fns';
import { isoDay, longDay, monthDay, monthYear, parseDay, shortDay } from './dates';
import type { Paper } from './schema';
import { hasSearchText } from './tokenize';
import type { SearchEngine } from './search';

export const VIEWS = ['day', 'week', 'month'] as const;
export type View = (typeof VIEWS)[number];
/** `foryou`: ranked by the reader's saved papers (the app reorders the list; here it is newest). */
export const SORTS = ['relevance', 'newest', 'upvotes', 'title', 'foryou'] as const;
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
  /** With sort `foryou`: the collection to rank by ('' for every saved paper). */
  like: string;
}

export const EMPTY_QUERY: FeedQuery = {
  q: '',
  topics: [],
  topicMode: 'any',
  hasCode: false,
  hideRead: false,
  onlyNew: false,
  sort: 'relevance',
  like: '',
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
  /** Their positions in the array given to runQuery. */
  indexes: number[];
  /** For each topic, how many papers would match with that topic's filter as the only topic filter. */
  topicCounts: Record<string, number>;
  /** How many match with "has code" turned on. */
  codeCount: number;
  /** Index terms the search matched, for highlighting. */
  matches: string[];
  /** The words the search used (stop words dropped), for an empty-result message. */
  words: string[];
  /** Set when no paper has every word: the papers shown have `matched` of the `words`. */
  partial?: { matched: number; words: number };
  /** The order applied (see effectiveSort). */
  sort: Sort;
  /** Whether any paper given has votes (then "Most upvoted" is the default order). */
  hasVotes: boolean;
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

const NUMBER = new Intl.NumberFormat('en-US');

/**
 * "1,234": every count on screen goes through one formatter (toLocaleString made a new one
 * for each call, and the topic counts call it twenty times a render: a typing profile's hot
 * spot).
 */
export const formatCount = (n: number) => NUMBER.format(n);

/** "1,234 papers": a count of papers as the reader reads it. */
export const countLabel = (n: number) => `${formatCount(n)} ${n === 1 ? 'paper' : 'papers'}`;

/** How many filters (topics, has code, hide read, new) a query has on. */
export const activeFilterCount = (query: FeedQuery) =>
  query.topics.length + Number(query.hasCode) + Number(query.hideRead) + Number(query.onlyNew);

/** "30 upvotes": Hugging Face's votes, kept by JSON-lines ingest. */
export const upvotesLabel = (n: number) => (n === 1 ? '1 upvote' : `${formatCount(n)} upvotes`);

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
/**
 * Per-paper facts runQuery tests for every hit, as typed arrays built once per array of papers:
 * whether it has code and its topics as a bit mask. Reading them is what keeps a query that
 * matches most of 20,000 papers within a frame (touching each paper object cost more than the
 * search itself).
 */
interface Facets {
  code: Uint8Array;
  /** How many papers have at least one vote. */
  votes: number;
  mask: Uint32Array;
  /** Topic id of each bit. */
  topics: string[];
}

const facetCache = new WeakMap<readonly Paper[], Facets>();

function facetsOf(papers: readonly Paper[]): Facets {
  let facets = facetCache.get(papers);
  if (facets) return facets;
  const bits = new Map<string, number>();
  const code = new Uint8Array(papers.length);
  const mask = new Uint32Array(papers.length);
  let votes = 0;
  papers.forEach((p, i) => {
    code[i] = hasCode(p) ? 1 : 0;
    if ((p.upvotes ?? 0) > 0) votes++;
    for (const t of p.topics) {
      let bit = bits.get(t);
      if (bit === undefined) bits.set(t, (bit = bits.size));
      if (bit < 32) mask[i]! |= 1 << bit;
    }
  });
  // More than 32 distinct topics cannot be a 32-bit mask: then no facets, and runQuery reads
  // the papers themselves.
  facets =
    bits.size <= 32
      ? { code, votes, mask, topics: [...bits.keys()] }
      : { code, votes, mask: new Uint32Array(0), topics: [] };
  facetCache.set(papers, facets);
  return facets;
}

export function runQuery(
  papers: readonly Paper[],
  engine: SearchEngine | null,
  query: FeedQuery,
  context: QueryContext = {},
): QueryResult {
  const { read, isNew } = context;
  const filterRead = query.hideRead && read !== undefined && read.size > 0;
  const filterNew = query.onlyNew && isNew !== undefined;

  // Positions in `papers`, in ranked order when searching; no object per paper, as a search of
  // all days can match most of 20,000 papers and this runs on every keystroke.
  let order: Int32Array | null = null;
  let matches: string[] = [];
  let words: string[] = [];
  let partial: QueryResult['partial'];
  if (query.q.trim() && engine) {
    words = engine.queryWords(query.q);
    const ranked = engine.rank(query.q);
    order = ranked.indexes;
    matches = ranked.matches;
    partial = ranked.partial;
  }
  const facets = facetsOf(papers);
  const useMask = facets.mask.length === papers.length;
  let wanted = 0;
  for (const t of query.topics) {
    const bit = facets.topics.indexOf(t);
    // A selected topic no paper has: any-of ignores it, all-of can match nothing.
    wanted |= bit < 0 ? 0 : 1 << bit;
  }
  const impossible =
    query.topicMode === 'all' && query.topics.some((t) => !facets.topics.includes(t));
  const allOf = query.topicMode === 'all';
  const topicsOk = (i: number) => {
    if (!useMask) return matchesTopics(papers[i]!, query.topics, query.topicMode);
    if (!query.topics.length) return true;
    if (impossible) return false;
    const m = facets.mask[i]!;
    return allOf ? (m & wanted) === wanted : (m & wanted) !== 0;
  };
  const counts = new Int32Array(Math.max(32, facets.topics.length));
  const countTopics = (i: number) => {
    if (!useMask) {
      for (const t of papers[i]!.topics) topicCounts[t] = (topicCounts[t] ?? 0) + 1;
      return;
    }
    for (let m = facets.mask[i]!, bit = 0; m !== 0; m >>>= 1, bit++) if (m & 1) counts[bit]!++;
  };

  const count = order ? order.length : papers.length;
  const topicCounts: Record<string, number> = {};
  let codeCount = 0;
  const picked: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = order ? order[k]! : k;
    if ((filterRead && read.has(papers[i]!.id)) || (filterNew && !isNew(papers[i]!))) continue;
    const code = facets.code[i] === 1;
    const ok = topicsOk(i);
    if (ok && code) codeCount++;
    if (query.hasCode && !code) continue;
    // Facet counts: the topic counts as if it were the only topic selected (any-of), or added
    // to the selection (all-of), so each number says what clicking the button would show.
    if (!allOf || ok) countTopics(i);
    if (ok) picked.push(i);
  }
  if (useMask) facets.topics.forEach((t, bit) => counts[bit] && (topicCounts[t] = counts[bit]!));
  const hasVotes = facets.votes > 0;
  const sort = effectiveSort(query, hasVotes);
  let ordered = picked;
  if (sort === 'title') {
    const collator = new Intl.Collator('en', { sensitivity: 'base' });
    ordered = picked.sort((a, b) => collator.compare(papers[a]!.title, papers[b]!.title));
  } else if (sort === 'newest' || sort === 'foryou') ordered = newestFirst(papers, picked);
  else if (sort === 'upvotes')
    // Most upvoted first; papers without votes after them, each group newest first (stable sort).
    ordered = newestFirst(papers, picked).sort(
      (a, b) => (papers[b]!.upvotes ?? -1) - (papers[a]!.upvotes ?? -1),
    );
  return {
    papers: ordered.map((i) => papers[i]!),
    indexes: ordered,
    topicCounts,
    codeCount,
    matches,
    words,
    ...(partial && { partial }),
    sort,
    hasVotes,
  };
}

/**
 * Newest day first, and within a day the order papers were given in (page order): grouped by
 * date in one pass, so only the distinct dates are sorted.
 */
function newestFirst(papers: readonly Paper[], picked: readonly number[]): number[] {
  const byDate = new Map<string, number[]>();
  for (const i of picked) {
    const date = papers[i]!.date;
    const group = byDate.get(date);
    if (group) group.push(i);
    else byDate.set(date, [i]);
  }
  const out: number[] = [];
  for (const date of [...byDate.keys()].sort().reverse())
    out.push(...byDate.get(date)!.sort((a, b) => a - b));
  return out;
}

/** One row of a list page: a paper, or (all days) its id and date while the paper is on its way. */
export interface ListItem {
  id: string;
  date: string;
  /** Null while an all-days result's paper is still on its way from the archive. */
  paper: Paper | null;
}

/** What a list page shows, however its papers were gathered: a range of days, Saved, all days. */
export interface DerivedList extends Omit<QueryResult, 'papers'> {
  items: ListItem[];
}

/**
 * The one list derivation, shared by the day/week/month feed, the Saved page and the all-days
 * archive: the query run over the papers, as list items. With `keepOrder`, a list that is
 * neither searched nor sorted keeps the order it was given (Saved: newest saved first).
 */
export function deriveList(
  papers: readonly Paper[],
  engine: SearchEngine | null,
  query: FeedQuery,
  context: QueryContext = {},
  { keepOrder = false }: { keepOrder?: boolean } = {},
): DerivedList {
  const { papers: found, ...result } = runQuery(papers, engine, query, context);
  let indexes = result.indexes;
  if (keepOrder && !hasSearchText(query.q) && query.sort === 'relevance')
    indexes = [...indexes].sort((a, b) => a - b);
  const ordered = indexes === result.indexes ? found : indexes.map((i) => papers[i]!);
  return {
    ...result,
    indexes,
    items: ordered.map((paper) => ({ id: paper.id, date: paper.date, paper })),
  };
}

/**
 * The order a query is shown in. Relevance (the default, never written to the URL) only means
 * something with a search; without one the list is most upvoted first when any of its papers
 * has votes (as on Hugging Face's daily page), else newest first. An explicit choice is kept.
 */
export function effectiveSort(query: FeedQuery, hasVotes = false): Sort {
  if (hasSearchText(query.q) || query.sort !== 'relevance') return query.sort;
  return hasVotes ? 'upvotes' : 'newest';
}

/** A row of a rendered list: a date heading, or an item with its position among the items. */
export type ListRow<T> =
  { kind: 'date'; date: string; count: number } | { kind: 'item'; item: T; position: number };

/** Rows for a list: a heading before each day's items when `grouped` (sorted by date), else flat. */
export function listRows<T extends { date: string }>(
  items: readonly T[],
  grouped: boolean,
): ListRow<T>[] {
  const rows: ListRow<T>[] = [];
  let current = '';
  items.forEach((item, position) => {
    if (grouped && item.date !== current) {
      current = item.date;
      let count = 0;
      for (let i = position; i < items.length && items[i]!.date === current; i++) count++;
      rows.push({ kind: 'date', date: current, count });
    }
    rows.push({ kind: 'item', item, position });
  });
  return rows;
}
