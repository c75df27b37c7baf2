/**
 * A list page's body: the bar (count, sort, density, and on narrow screens the filters toggle),
 * the filters beside the list (a column on wide screens, a panel under the bar on narrow ones),
 * the active filters as removable chips, the papers, and an empty state that says why and offers
 * the way out. Shared by the feed and the saved page.
 */
import {
  Suspense,
  lazy,
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useState,
  type ReactNode,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SORTS, activeFilterCount, countLabel, type Sort } from '../../domain/feed';
import { hasSearchText, parseQuery } from '../../domain/tokenize';
import type { Paper } from '../../domain/schema';
import { useTopicLabel } from '../../components/topic-labels';
import { authorKey, isNewPaper } from '../../domain/visits';
import { MarkAllRead } from './mark-all-read';
import { PaperList, type PaperListProps } from '../../components/paper-list';
import { FilterBar } from './filter-bar';
import type { RankedList } from './use-for-you';
import { useApp } from '../../store';
import {
  selectDensity,
  selectListPlace,
  selectNewContext,
  selectPaperActions,
  selectPaperState,
  selectSetDensity,
} from '../../store/selectors';
import { authorHref, authorQuery, paperInList, paths, toSearch } from '../../store/url';

import { useMedia } from './use-media';
import { useSettled } from './use-settled';

/** What a new result or a new search changes in the list: held while typing (useSettled). */
const SETTLED_PROPS = ['items', 'matches', 'hrefFor', 'topicHref', 'highlightTopics'] as const;

/** Below this width the filters are a panel that opens under the list bar (see styles.css). */
export const NARROW = '(max-width: 860px)';

// Suggestions need a search of three letters or more: their code (and fuse.js) loads then.
const TopicSuggestions = lazy(() =>
  import('./topic-suggestions').then((m) => ({ default: m.TopicSuggestions })),
);

// The For you bar, "Follow <author>" and the chips of the filters that are on show only in
// those lists, not on the first screen: their code loads when they are first needed.
const ActiveFilters = lazy(() =>
  import('./active-filters').then((m) => ({ default: m.ActiveFilters })),
);
const ForYouBar = lazy(() => import('./for-you-bar').then((m) => ({ default: m.ForYouBar })));
const FollowAuthor = lazy(() =>
  import('./follow-author').then((m) => ({ default: m.FollowAuthor })),
);

const SORT_LABELS: Record<Sort, string> = {
  relevance: 'Relevance',
  newest: 'Newest',
  upvotes: 'Most upvoted',
  title: 'Title',
  foryou: 'For you',
};

const quoted = (words: readonly string[], join: 'and' | 'or') =>
  words.map((w) => `“${w}”`).join(` ${join} `);

export { authorQuery };

/** Renders only when its props change: the deferred props below keep it still while typing. */
const MemoPaperList = memo(PaperList);

/** One paper's saved/read marks, read by its own row: a Save click re-renders that row only. */
const usePaperState = (id: string) => useApp(useShallow(selectPaperState(id)));

export function ListView({
  list,
  where,
  onSearchAllDays,
  from,
  sidebar,
  filtersOpen: controlledOpen,
  onFiltersOpenChange,
}: {
  list: RankedList;
  where: string;
  onSearchAllDays?: () => void;
  /** Set on the Saved page: papers opened from it come back to it. */
  from?: 'saved';
  /** Shown after the filters in the sidebar (the topic chart). */
  sidebar?: ReactNode;
  /** Whether the filters panel is open on a narrow screen (the page may hold this state). */
  filtersOpen?: boolean;
  onFiltersOpenChange?: (open: boolean) => void;
}) {
  const topicLabel = useTopicLabel();
  const place = useApp(useShallow(selectListPlace));
  const { newSince, followed, authors } = useApp(useShallow(selectNewContext));
  const actions = useApp(useShallow(selectPaperActions));
  const density = useApp(selectDensity);
  const setDensity = useApp(selectSetDensity);
  const s = useApp(
    useShallow((st) => ({
      cursor: st.cursor,
      setSort: st.setSort,
      clearFilters: st.clearFilters,
      clearQuery: st.clearQuery,
      fetchArchivePapers: st.fetchArchivePapers,
      setCurrentList: st.setCurrentList,
    })),
  );
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = onFiltersOpenChange ?? setOwnOpen;
  const panelId = useId();
  // A closed panel on a narrow screen is not rendered at all: 17 topics and the chart would be
  // made and styled for nothing on a phone's first screen.
  const narrow = useMedia(NARROW);
  const showPanel = open || !narrow;
  const search = toSearch(place);
  const collection = useApp((st) => st.collection);
  const hrefFor = useCallback(
    (id: string) => paperInList(id, search, from, collection),
    [search, from, collection],
  );
  const { query, date, view, scope } = place;
  const topicHref = useCallback(
    (topic: string) =>
      paths.feed + toSearch({ query: { ...query, topics: [topic] }, date, view, scope }),
    [query, date, view, scope],
  );
  const authorLink = useCallback((name: string) => authorHref(name, date, view), [date, view]);
  const isNew = useCallback(
    (p: Paper) => isNewPaper(p, newSince, followed, authors),
    [newSince, followed, authors],
  );
  const reasons = list.forYou?.reasons;
  const describe = list.forYou?.describe;
  const reasonFor = useCallback(
    (p: Paper) => {
      const reason = reasons?.[p.id];
      return reason && describe ? describe(reason, query.like) : null;
    },
    [reasons, describe, query.like],
  );
  const { setCurrentList } = s;
  useEffect(
    () => setCurrentList({ items: list.items, hrefFor, resolve: list.resolve }),
    [list.items, hrefFor, list.resolve, setCurrentList],
  );
  const active = activeFilterCount(query);
  const filtered = active > 0;
  const q = query.q.trim();
  const { excluded, phrases } = parseQuery(q);
  // What the search looked for, as the reader wrote it: phrases whole, then the other words.
  const sought = [
    ...phrases.map((p) => p.join(' ')),
    ...list.words.filter((w) => !phrases.some((p) => p.includes(w))),
  ];
  const loading = list.status === 'loading' && list.items.length === 0;
  const compact = density === 'compact';
  const noVotes = list.sort === 'upvotes' && !list.hasVotes && list.items.length > 0;
  // In All days the cards render after the count, the filters and the search box: a keystroke
  // or a new result shows at once, and the cards (most of the work) follow in a render React can
  // set aside for the next keystroke; until then the list shows the previous result. While a
  // search is typed the list waits for a pause (useSettled), so each key's work is the count
  // alone. A day's or a week's list is small enough to render with the count.
  const current: PaperListProps = {
    items: list.items,
    resolve: list.resolve,
    grouped: list.grouped,
    matches: list.matches,
    highlightTopics: query.topics,
    reasonFor: list.forYou?.status === 'ready' ? reasonFor : undefined,
    hrefFor,
    topicHref,
    authorHref: authorLink,
    density,
    usePaperState,
    isNew,
    cursor: s.cursor,
    onToggleSaved: actions.toggleSaved,
    onToggleRead: actions.toggleRead,
    onOpen: actions.markRead,
    onNeedPapers: s.fetchArchivePapers,
  };
  // Only while a search is typed: the first result of a search (All days opened, then a query
  // typed or pasted at once) shows as soon as it comes, not held behind the list of every paper.
  const settled = useSettled(current, SETTLED_PROPS, scope === 'all' && q !== '', q);
  const deferred = useDeferredValue(settled);
  const listProps = scope === 'all' ? deferred : current;
  return (
    <div className={`feed-body${open ? ' filters-open' : ''}`}>
      <div className="results-bar">
        <button
          type="button"
          className="button filters-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          aria-label={`Topics & filters${active ? ` · ${active} on` : ''}`}
          onClick={() => setOpen(!open)}
        >
          <span className="filters-toggle-long">Topics &amp; filters</span>
          {active > 0 && <span className="count-badge">{active}</span>}
        </button>
        <p
          className="result-count"
          role="status"
          aria-live="polite"
          aria-atomic="true"
          data-search-ms={list.searchMs?.toFixed(2)}
        >
          {loading ? 'Loading papers…' : countLabel(list.items.length)}
        </p>
        <span className="spacer" />
        <MarkAllRead items={list.items} listKey={search} />
        <label className="field field-inline sort-field">
          <span className="sort-label">Sort</span>
          <select value={list.sort} onChange={(e) => s.setSort(e.target.value as Sort)}>
            {SORTS.map((sort) => (
              <option
                key={sort}
                value={sort}
                disabled={
                  (sort === 'relevance' && !hasSearchText(q)) ||
                  (sort === 'upvotes' && !list.hasVotes && list.sort !== 'upvotes')
                }
              >
                {SORT_LABELS[sort]}
                {sort === 'upvotes' && !list.hasVotes ? ' (no votes here)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="icon-button density-toggle"
          aria-pressed={compact}
          onClick={() => setDensity(compact ? 'card' : 'compact')}
          title={compact ? 'Show cards with abstracts' : 'Show one compact row per paper'}
        >
          <span className="density-label">Compact</span>
        </button>
      </div>
      <aside id={panelId} className="sidebar">
        {showPanel && (
          <>
            <FilterBar topicCounts={list.topicCounts} codeCount={list.codeCount} />
            {sidebar}
          </>
        )}
      </aside>
      <section className="results" aria-label="Papers">
        {active > 0 && (
          <Suspense fallback={null}>
            <ActiveFilters />
          </Suspense>
        )}
        {list.forYou && (
          <Suspense fallback={null}>
            <ForYouBar state={list.forYou} />
          </Suspense>
        )}
        {noVotes && (
          <p className="list-note" role="note">
            No paper in {where} has votes yet, so “Most upvoted” lists them newest first.
          </p>
        )}
        {list.items.length > 0 && q.length >= 3 && (
          <Suspense fallback={null}>
            <TopicSuggestions counts={list.topicCounts} />
          </Suspense>
        )}
        {list.items.length > 0 && list.partial && (
          <p className="list-note" role="note">
            No paper in {where} has all {list.partial.words} words; showing papers with{' '}
            {list.partial.matched} of them.
          </p>
        )}
        {list.items.length > 0 && authorKey(q) && (
          <Suspense fallback={null}>
            <FollowAuthor list={list} q={q} />
          </Suspense>
        )}
        {list.errors.map((e) => (
          <p key={e} className="notice notice-error" role="alert">
            {e}
          </p>
        ))}
        {loading ? (
          <div className="loading" aria-hidden="true">
            {Array.from({ length: compact ? 10 : 4 }, (_, i) => (
              <div key={i} className={`card card-skeleton${compact ? ' card-compact' : ''}`} />
            ))}
          </div>
        ) : list.items.length === 0 && list.status !== 'error' ? (
          <div className="empty">
            <h2>No papers to show</h2>
            <p>
              {q
                ? list.words.length
                  ? `No paper in ${where} contains ${quoted(sought, 'and')}${excluded.length ? ` without ${quoted(excluded, 'or')}` : ''}${filtered ? ' with the filters you chose' : ''}.`
                  : excluded.length
                    ? `Every paper in ${where}${filtered ? ' that matches the filters you chose' : ''} has ${quoted(excluded, 'or')}.`
                    : `“${q}” has no words to search for.`
                : filtered
                  ? `No paper in ${where} matches the filters you chose${query.topics.length ? ` (${query.topics.map(topicLabel).join(query.topicMode === 'all' ? ' and ' : ' or ')})` : ''}.`
                  : `There are no papers in ${where}.`}
            </p>
            <div className="empty-actions">
              {q && (
                <button type="button" className="button" onClick={s.clearQuery}>
                  Clear the search
                </button>
              )}
              {filtered && (
                <button type="button" className="button" onClick={s.clearFilters}>
                  Clear filters
                </button>
              )}
              {q && onSearchAllDays && scope !== 'all' && (
                <button type="button" className="button" onClick={onSearchAllDays}>
                  Search all days
                </button>
              )}
            </div>
          </div>
        ) : (
          <MemoPaperList {...listProps} />
        )}
      </section>
    </div>
  );
}
