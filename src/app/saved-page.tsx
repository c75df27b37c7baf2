import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { runQuery } from '../domain/feed';
import type { Paper } from '../domain/schema';
import { isNewPaper } from '../domain/visits';
import { useApp } from '../store';
import { FilterBar } from '../components/filter-bar';
import { ExportImport } from '../components/export-import';
import { ListView } from './list-view';
import { engineFor, ownPaper, useSearchModule, type FeedList } from './use-feed';
import { hasSearchText } from '../domain/tokenize';

/** Saved papers, newest saved first, searchable and filterable like the feed. */
export function SavedPage() {
  const { saved, days, ensureDays, query, read, followed, newSince, toggleSaved, indexReady } =
    useApp(
      useShallow((s) => ({
        saved: s.saved,
        days: s.days,
        ensureDays: s.ensureDays,
        query: s.query,
        read: s.read,
        followed: s.followed,
        newSince: s.visits.lastSeenDay,
        toggleSaved: s.toggleSaved,
        indexReady: s.indexStatus === 'ready',
      })),
    );
  const search = useSearchModule(query.q.trim() !== '');
  const entries = useMemo(
    () => Object.entries(saved).sort((a, b) => b[1].savedAt - a[1].savedAt),
    [saved],
  );
  const dates = useMemo(() => [...new Set(entries.map(([, e]) => e.date))], [entries]);
  useEffect(() => {
    if (indexReady) ensureDays(dates);
  }, [dates, ensureDays, indexReady]);
  const { papers, missing, loading } = useMemo(() => {
    const found: Paper[] = [];
    const gone: { id: string; title: string; date: string }[] = [];
    let waiting = false;
    for (const [id, entry] of entries) {
      const day = days[entry.date];
      const paper = day?.status === 'ready' ? day.papers.find((p) => p.id === id) : undefined;
      if (paper) found.push(paper);
      else if (!day || day.status === 'loading') waiting = true;
      else gone.push({ id, title: entry.title, date: entry.date });
    }
    return { papers: found, missing: gone, loading: waiting };
  }, [entries, days]);
  const list: FeedList = useMemo(() => {
    const result = runQuery(
      papers,
      query.q.trim() && search ? engineFor(papers, search) : null,
      query,
      {
        read: new Set(Object.keys(read)),
        isNew: (p) => isNewPaper(p, newSince, followed),
      },
    );
    // Without a search or another sort, keep the order the papers were saved in (newest first).
    const keep = new Set(result.papers);
    const ordered =
      hasSearchText(query.q) || query.sort !== 'relevance'
        ? result.papers
        : papers.filter((p) => keep.has(p));
    return {
      status: loading && !papers.length ? 'loading' : 'ready',
      items: ordered.map((p) => ({ id: p.id, date: p.date, paper: p })),
      topicCounts: result.topicCounts,
      codeCount: result.codeCount,
      matches: result.matches,
      words: result.words,
      errors: [],
      grouped: false,
      resolve: ownPaper,
    };
  }, [papers, query, read, newSince, followed, loading, search]);
  return (
    <div className="feed">
      <div className="day-nav">
        <h1 className="range-title">Saved papers</h1>
        <ExportImport papers={papers} />
      </div>
      {entries.length === 0 ? (
        <div className="empty">
          <h2>Nothing saved yet</h2>
          <p>
            Save a paper with its Save button or the s key; it stays here, in this browser, until
            you remove it.
          </p>
        </div>
      ) : (
        <div className="feed-body">
          <aside className="sidebar">
            <FilterBar topicCounts={list.topicCounts} codeCount={list.codeCount} />
          </aside>
          <div>
            <ListView list={list} where="your saved papers" />
            {missing.length > 0 && (
              <section className="missing" aria-labelledby="missing-title">
                <h2 id="missing-title">Saved papers no longer in the dataset</h2>
                <ul>
                  {missing.map((m) => (
                    <li key={m.id}>
                      {m.title || m.id} <span className="muted">({m.date})</span>{' '}
                      <button type="button" className="text-button" onClick={() => toggleSaved(m)}>
                        Remove
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
