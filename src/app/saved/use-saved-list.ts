/** The Saved list, shared by the Saved page and a paper opened from it (back, previous/next). */
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { deriveList, effectiveSort } from '../../domain/feed';
import type { Paper } from '../../domain/schema';
import { isNewPaper } from '../../domain/visits';
import { useApp } from '../../store';
import { engineFor, ownPaper, useSearchModule, type FeedList } from '../list/use-feed';

/**
 * The saved papers as a list, newest saved first, searched and filtered like the feed; the
 * papers' days are loaded as needed. Disabled, it loads nothing and lists nothing.
 */
export function useSavedList(enabled = true) {
  const { saved, days, ensureDays, query, read, followed, authors, newSince, index, collection } =
    useApp(
      useShallow((s) => ({
        saved: s.saved,
        index: s.index,
        days: s.days,
        ensureDays: s.ensureDays,
        query: s.query,
        read: s.read,
        followed: s.followed,
        authors: s.followedAuthors,
        newSince: s.visits.lastSeenDay,
        collection: s.collection,
      })),
    );
  const search = useSearchModule(enabled && query.q.trim() !== '');
  // All saved papers, or one collection's.
  const entries = useMemo(
    () =>
      enabled
        ? Object.entries(saved)
            .filter(([, e]) => !collection || e.collections?.includes(collection))
            .sort((a, b) => b[1].savedAt - a[1].savedAt)
        : [],
    [saved, enabled, collection],
  );
  // Only the days the dataset has: a paper saved on a day it does not have (an import from
  // another dataset) is listed as gone without a request.
  const known = useMemo(() => new Set(index?.days.map((d) => d.date)), [index]);
  const dates = useMemo(
    () => [...new Set(entries.map(([, e]) => e.date))].filter((d) => known.has(d)),
    [entries, known],
  );
  useEffect(() => {
    if (index) ensureDays(dates);
  }, [dates, ensureDays, index]);
  const { papers, missing, loading } = useMemo(() => {
    const found: Paper[] = [];
    const gone: { id: string; title: string; date: string }[] = [];
    let waiting = false;
    for (const [id, entry] of entries) {
      if (!known.has(entry.date)) {
        gone.push({ id, title: entry.title, date: entry.date });
        continue;
      }
      const day = days[entry.date];
      const paper = day?.status === 'ready' ? day.papers.find((p) => p.id === id) : undefined;
      if (paper) found.push(paper);
      else if (!day || day.status === 'loading') waiting = true;
      else gone.push({ id, title: entry.title, date: entry.date });
    }
    return { papers: found, missing: gone, loading: waiting };
  }, [entries, days, known]);
  const list: FeedList = useMemo(() => {
    const derived = deriveList(
      papers,
      query.q.trim() && search ? engineFor(papers, search) : null,
      query,
      {
        read: new Set(Object.keys(read)),
        isNew: (p) => isNewPaper(p, newSince, followed, authors),
      },
      { keepOrder: true },
    );
    return {
      status: loading && !papers.length ? 'loading' : 'ready',
      items: derived.items,
      topicCounts: derived.topicCounts,
      codeCount: derived.codeCount,
      matches: derived.matches,
      words: derived.words,
      // Unsorted, Saved keeps its own order (newest saved first), whatever the votes.
      sort: effectiveSort(query),
      hasVotes: derived.hasVotes,
      errors: [],
      grouped: false,
      resolve: ownPaper,
    };
  }, [papers, query, read, newSince, followed, authors, loading, search]);
  return { list, papers, missing, entries };
}
