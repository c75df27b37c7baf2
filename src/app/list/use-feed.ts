/**
 * The list a page shows, derived from the store: never stored. For a day, week or month the
 * days are fetched and searched here; for "All days" the archive worker answers.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  datesInView,
  deriveList,
  effectiveSort,
  type DerivedList,
  type FeedQuery,
  type ListItem,
} from '../../domain/feed';
import type { Paper } from '../../domain/schema';
import type { SearchEngine } from '../../domain/search';
import { own } from '../../domain/records';
import { isNewPaper } from '../../domain/visits';
import { searchDocument } from '../../domain/search-text';
import { useApp } from '../../store';
import type { DayState } from '../../store/types';

/** A derived list as a page shows it: with its loading state, errors and how to group it. */
export interface FeedList extends Omit<DerivedList, 'indexes'> {
  status: 'loading' | 'ready' | 'error';
  /** Days that failed to load, with why. */
  errors: string[];
  grouped: boolean;
  /** How long the all-days search took in the worker, ms (for the browser benchmark). */
  searchMs?: number;
  /** The paper of an item: its own, or one fetched from the archive since. */
  resolve: (item: ListItem) => Paper | null;
}

export const ownPaper = (item: ListItem) => item.paper;

const engines = new WeakMap<readonly Paper[], SearchEngine>();
type SearchModule = typeof import('../../domain/search');
let searchModule: SearchModule | null = null;
let loadingSearch: Promise<SearchModule> | null = null;

/** Loads the search index code (not needed to show the day's papers). */
export function loadSearch(): Promise<SearchModule> {
  loadingSearch ??= import('../../domain/search').then((m) => (searchModule = m));
  return loadingSearch;
}

/** The search module once loaded: loads it when `needed`, re-rendering when it arrives. */
export function useSearchModule(needed: boolean): SearchModule | null {
  const [, setLoaded] = useState(false);
  useEffect(() => {
    if (needed && !searchModule) void loadSearch().then(() => setLoaded(true));
  }, [needed]);
  return searchModule;
}

/** A search engine for exactly this array of papers, built once per array. */
export function engineFor(papers: readonly Paper[], { createSearch }: SearchModule): SearchEngine {
  let engine = engines.get(papers);
  if (!engine) {
    engine = createSearch(papers.map(searchDocument));
    engines.set(papers, engine);
  }
  return engine;
}

/** The effective day: the requested one if the dataset has it, else the newest. */
export function useEffectiveDate(): string | null {
  return useApp((s) => {
    const days = s.index?.days;
    if (!days?.length) return null;
    return s.date && days.some((d) => d.date === s.date) ? s.date : days.at(-1)!.date;
  });
}

const NO_PAPERS: Paper[] = [];

function collect(dates: readonly string[], states: readonly (DayState | undefined)[]) {
  const papers: Paper[] = [];
  const errors: string[] = [];
  let loading = false;
  // Newest day first; page order within a day.
  for (let i = dates.length - 1; i >= 0; i--) {
    const day = states[i];
    if (!day || day.status === 'loading') loading = true;
    else if (day.status === 'error') errors.push(day.error);
    else papers.push(...day.papers);
  }
  return { papers, errors, loading };
}

const usePersonalContext = () =>
  useApp(
    useShallow((s) => ({
      read: s.read,
      followed: s.followed,
      authors: s.followedAuthors,
      newSince: s.visits.lastSeenDay,
    })),
  );

function useRangeList(
  papers: Paper[],
  query: FeedQuery,
  loading: boolean,
  errors: string[],
  severalDays: boolean,
): FeedList {
  const { read, followed, authors, newSince } = usePersonalContext();
  const searching = query.q.trim() !== '';
  const search = useSearchModule(searching);
  return useMemo(() => {
    const derived = deriveList(
      papers,
      searching && search ? engineFor(papers, search) : null,
      query,
      {
        read: new Set(Object.keys(read)),
        isNew: (p) => isNewPaper(p, newSince, followed, authors),
      },
    );
    return {
      status:
        (loading && !papers.length) || (searching && !search)
          ? 'loading'
          : errors.length && !papers.length
            ? 'error'
            : 'ready',
      items: derived.items,
      topicCounts: derived.topicCounts,
      codeCount: derived.codeCount,
      matches: derived.matches,
      words: derived.words,
      partial: derived.partial,
      sort: derived.sort,
      hasVotes: derived.hasVotes,
      errors,
      // One day needs no date headings: the page title says which day it is.
      grouped: severalDays && derived.sort === 'newest',
      resolve: ownPaper,
    };
  }, [
    papers,
    query,
    loading,
    errors,
    read,
    followed,
    authors,
    newSince,
    severalDays,
    searching,
    search,
  ]);
}

/** The papers of the feed page: the selected range, or all days. */
export function useFeedList(): FeedList {
  const date = useEffectiveDate();
  const { view, scope, query, index, ensureDays } = useApp(
    useShallow((s) => ({
      view: s.view,
      scope: s.scope,
      query: s.query,
      index: s.index,
      ensureDays: s.ensureDays,
    })),
  );
  const dates = useMemo(
    () =>
      index && date
        ? datesInView(
            index.days.map((d) => d.date),
            date,
            view,
          )
        : [],
    [index, date, view],
  );
  useEffect(() => {
    if (scope === 'range') ensureDays(dates);
  }, [dates, scope, ensureDays]);
  // Only the days in view: loading some other day must not recompute this list.
  const dayStates = useApp(useShallow((s) => dates.map((d) => s.days[d])));
  const collected = useMemo(() => collect(dates, dayStates), [dates, dayStates]);
  // In All days the archive answers: the days in view are not searched for nothing.
  const range = useRangeList(
    scope === 'all' ? NO_PAPERS : collected.papers,
    query,
    collected.loading,
    collected.errors,
    view !== 'day',
  );
  const all = useArchiveList(scope === 'all', query);
  return scope === 'all' ? all : range;
}

function useArchiveList(active: boolean, query: FeedQuery): FeedList {
  const { status, result, papers, queryArchive, days, error } = useApp(
    useShallow((s) => ({
      status: s.archiveStatus,
      result: s.archiveResult,
      papers: s.archivePapers,
      queryArchive: s.queryArchive,
      days: s.days,
      error: s.archiveError,
    })),
  );
  const { read, followed, authors, newSince } = usePersonalContext();
  const ownTopics = useApp((s) => s.ownTopics);
  const key = JSON.stringify([
    query,
    query.hideRead ? Object.keys(read).length : 0,
    followed,
    authors,
    newSince,
    ownTopics,
  ]);
  const indexReady = useApp((s) => s.indexStatus === 'ready');
  useEffect(() => {
    if (active && indexReady) void queryArchive(key);
  }, [active, indexReady, key, queryArchive]);
  // The items change only with a new result; papers arriving from the archive as the reader
  // scrolls change `resolve`, so only the rows on screen render again, not 20,000 items.
  const items = useMemo(
    () => (result ? result.ids.map((id, i) => ({ id, date: result.dates[i]!, paper: null })) : []),
    [result],
  );
  const resolve = useCallback(
    (item: ListItem) => {
      const fetched = own(papers, item.id);
      if (fetched) return fetched;
      const day = own(days, item.date);
      return day?.status === 'ready' ? (day.papers.find((p) => p.id === item.id) ?? null) : null;
    },
    [papers, days],
  );
  return useMemo(() => {
    const empty: FeedList = {
      status: 'loading',
      items: [],
      topicCounts: {},
      codeCount: 0,
      matches: [],
      words: [],
      sort: effectiveSort(query),
      hasVotes: false,
      errors: [],
      grouped: false,
      resolve: ownPaper,
    };
    if (!active) return empty;
    if (status === 'error')
      return { ...empty, status: 'error', errors: [error ?? 'Could not index all days.'] };
    if (!result) return empty;
    const hasVotes = result.hasVotes;
    const sort = effectiveSort(query, hasVotes);
    return {
      status: result.key === key ? 'ready' : 'loading',
      items,
      topicCounts: result.topicCounts,
      codeCount: result.codeCount,
      matches: result.matches,
      words: result.words,
      partial: result.partial,
      sort,
      hasVotes,
      errors: [],
      grouped: sort === 'newest',
      resolve,
      searchMs: result.took,
    };
  }, [active, status, result, items, resolve, key, query, error]);
}
