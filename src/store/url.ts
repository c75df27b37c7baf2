/**
 * The URL is the view: page, search, filters, date, view and scope. These pure functions turn a
 * location into view state and back. Bad or unknown parameters are dropped one by one; the rest
 * are kept.
 */
import { EMPTY_QUERY, SORTS, VIEWS, type FeedQuery, type Sort, type View } from '../domain/feed';
import { isIsoDate } from '../domain/iso-date';
import { PAPER_ID_PATTERN } from '../domain/schema';
import { isTopicIdShape } from '../domain/topic-rules';

export type Page =
  | { name: 'feed' }
  /** A paper; `from: 'saved'` when opened from the Saved list (back and previous/next use it). */
  | { name: 'paper'; id: string; from?: 'saved' }
  | { name: 'saved' }
  | { name: 'subscribe' }
  | { name: 'notfound'; path: string };

export type Scope = 'range' | 'all';

export interface ViewState {
  page: Page;
  query: FeedQuery;
  /** The selected day; null means the newest. */
  date: string | null;
  view: View;
  scope: Scope;
  /** The Saved page's collection; null shows every saved paper. */
  collection: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  page: { name: 'feed' },
  query: EMPTY_QUERY,
  date: null,
  view: 'day',
  scope: 'range',
  collection: null,
};

/** Route paths, in one place. */
export const paths = {
  feed: '/',
  saved: '/saved',
  subscribe: '/subscribe',
  paper: (id: string) => `/papers/${encodeURIComponent(id)}`,
};

const MAX_QUERY = 500;

function parsePage(pathname: string): Page {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { name: 'feed' };
  if (path === paths.saved) return { name: 'saved' };
  if (path === paths.subscribe) return { name: 'subscribe' };
  const paper = /^\/papers\/([^/]+)$/.exec(path);
  if (paper) {
    let id = '';
    try {
      id = decodeURIComponent(paper[1]!);
    } catch {
      /* a malformed escape is not a paper id */
    }
    if (PAPER_ID_PATTERN.test(id)) return { name: 'paper', id };
  }
  return { name: 'notfound', path };
}

const flag = (value: string | null) => value === '1' || value === 'true';

/** Reads a location's path and query string. */
export function parseLocation(pathname: string, search: string): ViewState {
  const params = new URLSearchParams(search);
  const topics = (params.get('topics') ?? '')
    .split(',')
    .map((t) => t.trim())
    // Site and own topics are checked against the index and the reader's topics once known.
    .filter((t, i, all) => isTopicIdShape(t) && all.indexOf(t) === i);
  const sort = params.get('sort');
  const view = params.get('view');
  const date = params.get('date');
  const query: FeedQuery = {
    q: (params.get('q') ?? '').slice(0, MAX_QUERY),
    topics,
    topicMode: params.get('mode') === 'all' ? 'all' : 'any',
    hasCode: flag(params.get('code')),
    hideRead: flag(params.get('unread')),
    onlyNew: flag(params.get('new')),
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : EMPTY_QUERY.sort,
    like:
      sort === 'foryou' ? (params.get('like') ?? '').replace(/\s+/g, ' ').trim().slice(0, 60) : '',
  };
  const page = parsePage(pathname);
  if (page.name === 'paper' && params.get('from') === 'saved') page.from = 'saved';
  return {
    page,
    query,
    date: date && isIsoDate(date) ? date : null,
    view: VIEWS.includes(view as View) ? (view as View) : 'day',
    scope: params.get('scope') === 'all' ? 'all' : 'range',
    // Only the Saved page (and a paper opened from it) has collections.
    collection:
      (page.name === 'saved' || (page.name === 'paper' && page.from === 'saved')
        ? params.get('collection')?.replace(/\s+/g, ' ').trim().slice(0, 60)
        : null) || null,
  };
}

/** The query string of a view: only what differs from the defaults, in a stable order. */
export function toSearch(state: Pick<ViewState, 'query' | 'date' | 'view' | 'scope'>): string {
  const params = new URLSearchParams();
  const { query } = state;
  if (query.q) params.set('q', query.q);
  if (query.topics.length) params.set('topics', query.topics.join(','));
  if (query.topicMode === 'all') params.set('mode', 'all');
  if (query.hasCode) params.set('code', '1');
  if (query.hideRead) params.set('unread', '1');
  if (query.onlyNew) params.set('new', '1');
  if (query.sort !== EMPTY_QUERY.sort) params.set('sort', query.sort);
  if (query.sort === 'foryou' && query.like) params.set('like', query.like);
  if (state.date) params.set('date', state.date);
  if (state.view !== 'day') params.set('view', state.view);
  if (state.scope === 'all') params.set('scope', 'all');
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

function pagePath(page: Page): string {
  switch (page.name) {
    case 'feed':
      return paths.feed;
    case 'paper':
      return paths.paper(page.id);
    case 'saved':
      return paths.saved;
    case 'subscribe':
      return paths.subscribe;
    case 'notfound':
      return page.path;
  }
}

/** A paper's page, opened from outside a list: its own day is the list around it. */
export const paperHref = (id: string, date: string) =>
  paths.paper(id) + toSearch({ query: EMPTY_QUERY, date, view: 'day', scope: 'range' });

/** The feed of one day filtered to one topic. */
export const topicHref = (topic: string, date: string | null) =>
  paths.feed +
  toSearch({ query: { ...EMPTY_QUERY, topics: [topic] }, date, view: 'day', scope: 'range' });

/** A URL (path and query) with the Saved page's collection added to its query. */
export function withCollection(url: string, collection: string | null | undefined): string {
  if (!collection) return url;
  return `${url}${url.includes('?') ? '&' : '?'}collection=${encodeURIComponent(collection)}`;
}

/**
 * A paper's page within a list's view (`search`), remembering when the list is the Saved one
 * (and which of its collections).
 */
export function paperInList(
  id: string,
  search: string,
  from?: 'saved',
  collection?: string | null,
): string {
  if (!from) return paths.paper(id) + search;
  return withCollection(`${paths.paper(id)}${search ? `${search}&` : '?'}from=${from}`, collection);
}

/** The URL of a view. The subscribe page carries no list state. */
export function toUrl(state: ViewState): string {
  const { page } = state;
  if (page.name === 'subscribe' || page.name === 'notfound') return pagePath(page);
  if (page.name === 'paper')
    return paperInList(page.id, toSearch(state), page.from, state.collection);
  if (page.name === 'saved')
    return withCollection(pagePath(page) + toSearch(state), state.collection);
  return pagePath(page) + toSearch(state);
}

/** A search for an author's papers: their name as the query, over all days. */
export function authorQuery(name: string): string {
  // Quotes and a leading minus mean something to the search; a name needs neither.
  return name
    .replace(/["“”]/g, ' ')
    .replace(/(^|\s)-+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A search for one author's papers over all days, from the view at `date` and `view`. */
export const authorHref = (name: string, date: string | null, view: View) =>
  paths.feed +
  toSearch({ query: { ...EMPTY_QUERY, q: authorQuery(name) }, date, view, scope: 'all' });
