/**
 * The part of a list page below its header: the live count, sort, the papers, and an empty
 * state that says why and offers the way out. Shared by the feed and the saved page.
 */
import { useCallback, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SORTS, activeFilterCount, countLabel, type Sort } from '../../domain/feed';
import { hasSearchText, parseQuery } from '../../domain/tokenize';
import type { Paper } from '../../domain/schema';
import { topicLabel } from '../../domain/topic-meta';
import { isNewPaper } from '../../domain/visits';
import { MarkAllRead } from './mark-all-read';
import { PaperList } from '../../components/paper-list';
import { TopicSuggestions } from './topic-suggestions';
import { useApp } from '../../store';
import {
  selectListPlace,
  selectNewContext,
  selectPaperActions,
  selectPaperState,
} from '../../store/selectors';
import { paperInList, paths, toSearch } from '../../store/url';
import type { FeedList } from './use-feed';

const SORT_LABELS: Record<Sort, string> = {
  relevance: 'Relevance',
  newest: 'Newest',
  upvotes: 'Most upvoted',
  title: 'Title',
};

const quoted = (words: readonly string[], join: 'and' | 'or') =>
  words.map((w) => `“${w}”`).join(` ${join} `);

/** One paper's saved/read marks, read by its own row: a Save click re-renders that row only. */
const usePaperState = (id: string) => useApp(useShallow(selectPaperState(id)));

export function ListView({
  list,
  where,
  onSearchAllDays,
  from,
}: {
  list: FeedList;
  where: string;
  onSearchAllDays?: () => void;
  /** Set on the Saved page: papers opened from it come back to it. */
  from?: 'saved';
}) {
  const place = useApp(useShallow(selectListPlace));
  const { newSince, followed } = useApp(useShallow(selectNewContext));
  const actions = useApp(useShallow(selectPaperActions));
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
  const search = toSearch(place);
  const hrefFor = useCallback((id: string) => paperInList(id, search, from), [search, from]);
  const { query, date, view, scope } = place;
  const topicHref = useCallback(
    (topic: string) =>
      paths.feed + toSearch({ query: { ...query, topics: [topic] }, date, view, scope }),
    [query, date, view, scope],
  );
  const isNew = useCallback((p: Paper) => isNewPaper(p, newSince, followed), [newSince, followed]);
  const { setCurrentList } = s;
  useEffect(
    () => setCurrentList({ items: list.items, hrefFor, resolve: list.resolve }),
    [list.items, hrefFor, list.resolve, setCurrentList],
  );
  const filtered = activeFilterCount(query) > 0;
  const q = query.q.trim();
  const { excluded, phrases } = parseQuery(q);
  // What the search looked for, as the reader wrote it: phrases whole, then the other words.
  const sought = [
    ...phrases.map((p) => p.join(' ')),
    ...list.words.filter((w) => !phrases.some((p) => p.includes(w))),
  ];
  const loading = list.status === 'loading' && list.items.length === 0;
  return (
    <section className="results" aria-label="Papers">
      <div className="results-bar">
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
        <label className="field field-inline">
          <span>Sort</span>
          <select value={list.sort} onChange={(e) => s.setSort(e.target.value as Sort)}>
            {SORTS.map((sort) => (
              <option key={sort} value={sort} disabled={sort === 'relevance' && !hasSearchText(q)}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <TopicSuggestions />
      {list.errors.map((e) => (
        <p key={e} className="notice notice-error" role="alert">
          {e}
        </p>
      ))}
      {loading ? (
        <div className="loading" aria-hidden="true">
          <div className="card card-skeleton" />
          <div className="card card-skeleton" />
          <div className="card card-skeleton" />
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
        <PaperList
          items={list.items}
          resolve={list.resolve}
          grouped={list.grouped}
          matches={list.matches}
          hrefFor={hrefFor}
          topicHref={topicHref}
          usePaperState={usePaperState}
          isNew={isNew}
          cursor={s.cursor}
          onToggleSaved={actions.toggleSaved}
          onToggleRead={actions.toggleRead}
          onOpen={actions.markRead}
          onNeedPapers={s.fetchArchivePapers}
        />
      )}
    </section>
  );
}
