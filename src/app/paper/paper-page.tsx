import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { shortDate } from '../../domain/feed';
import type { Paper } from '../../domain/schema';
import { useTopicLabel } from '../../components/topic-labels';
import { AppLink } from '../../components/app-link';
import { HighlightedText } from '../../components/highlighted-text';
import { ChevronLeft, ChevronRight } from '../../components/icons';
import { Authors } from '../../components/authors';
import { authorKey } from '../../domain/visits';
import { Categories, Comments, Votes } from '../../components/paper-card';
import { CiteButton } from '../../components/cite-button';
import { NoteEditor } from './note-editor';
import { useForYouOrder } from '../list/use-for-you';
import { CollectionPicker } from '../saved/collections';
import { PaperLinks } from '../../components/paper-links';
import { TopicFeedLink } from '../../components/topic-feed-link';
import { own } from '../../domain/records';
import { useApp } from '../../store';
import { selectPaperState, selectSimilar } from '../../store/selectors';
import {
  authorHref,
  paperHref,
  paperInList,
  paths,
  toSearch,
  topicHref,
  withCollection,
} from '../../store/url';
import { useFeedList } from '../list/use-feed';
import { useSavedList } from '../saved/use-saved-list';

type Lookup = { state: 'found'; paper: Paper } | { state: 'looking' } | { state: 'missing' };

/** Finds a paper by id: in the days already loaded, else in the archive of all days. */
function usePaper(id: string, listReady: boolean): Lookup {
  const fromDays = useApp((s) => {
    for (const day of Object.values(s.days))
      if (day.status === 'ready') for (const p of day.papers) if (p.id === id) return p;
    return null;
  });
  const fromArchive = useApp((s) => own(s.archivePapers, id) ?? null);
  const { ensureArchive, fetchArchivePapers, indexStatus } = useApp(
    useShallow((s) => ({
      ensureArchive: s.ensureArchive,
      fetchArchivePapers: s.fetchArchivePapers,
      indexStatus: s.indexStatus,
    })),
  );
  const [searched, setSearched] = useState(false);
  const found = fromDays ?? fromArchive;
  useEffect(() => {
    if (found || !listReady || indexStatus !== 'ready') return;
    let live = true;
    void ensureArchive()
      .then((ok) => (ok ? fetchArchivePapers([id]) : undefined))
      .finally(() => live && setSearched(true));
    return () => {
      live = false;
    };
  }, [found, listReady, indexStatus, id, ensureArchive, fetchArchivePapers]);
  if (found) return { state: 'found', paper: found };
  return searched || indexStatus === 'error' ? { state: 'missing' } : { state: 'looking' };
}

export function PaperPage({ id, from }: { id: string; from?: 'saved' | undefined }) {
  const topicLabel = useTopicLabel();
  // The list around the paper: the one it was opened from.
  // In the reader's order when the list is sorted For you (ranked already: the result is kept).
  const feedList = useForYouOrder(useFeedList());
  const savedList = useForYouOrder(useSavedList(from === 'saved').list);
  const list = from === 'saved' ? savedList : feedList;
  const lookup = usePaper(id, list.status !== 'loading');
  const s = useApp(
    useShallow((st) => ({
      query: st.query,
      date: st.date,
      view: st.view,
      scope: st.scope,
      collection: st.collection,
      toggleSaved: st.toggleSaved,
      toggleRead: st.toggleRead,
      markRead: st.markRead,
      setPagePaper: st.setPagePaper,
    })),
  );
  const marks = useApp(useShallow(selectPaperState(id)));
  const followedAuthors = useApp((st) => st.followedAuthors);
  const toggleFollowAuthor = useApp((st) => st.toggleFollowAuthor);
  const followAuthors = useMemo(() => {
    const keys = new Set(followedAuthors.map(authorKey));
    return { isFollowed: (name: string) => keys.has(authorKey(name)), toggle: toggleFollowAuthor };
  }, [followedAuthors, toggleFollowAuthor]);
  // Similar papers live apart from the day (data/similar/): loaded when a paper is opened.
  const paperDate = lookup.state === 'found' ? lookup.paper.date : null;
  const loadedSimilar = useApp((st) => (paperDate ? selectSimilar(id, paperDate)(st) : undefined));
  const ensureSimilar = useApp((st) => st.ensureSimilar);
  useEffect(() => {
    if (paperDate) ensureSimilar(paperDate);
  }, [paperDate, ensureSimilar]);
  const search = toSearch(s);
  const backHref =
    from === 'saved' ? withCollection(paths.saved + search, s.collection) : paths.feed + search;
  const paper = lookup.state === 'found' ? lookup.paper : null;
  useEffect(() => {
    if (paper) s.markRead(paper);
    // Opening a paper marks it read once; toggling afterwards with m is the reader's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [paper?.id]);
  const { setPagePaper } = s;
  useEffect(() => {
    setPagePaper(paper);
    return () => setPagePaper(null);
  }, [paper, setPagePaper]);
  useEffect(() => {
    if (paper) document.title = `${paper.title} · Paperboy`;
    return () => {
      document.title = 'Paperboy';
    };
  }, [paper]);
  const position = useMemo(() => list.items.findIndex((item) => item.id === id), [list.items, id]);
  const prev = position > 0 ? list.items[position - 1] : undefined;
  const next = position >= 0 ? list.items[position + 1] : undefined;
  const [showRaw, setShowRaw] = useState(false);

  if (lookup.state === 'looking')
    return (
      <div className="paper-page" aria-busy="true">
        <p role="status">Looking for the paper…</p>
      </div>
    );
  if (!paper)
    return (
      <div className="paper-page empty">
        <h1>Paper not found</h1>
        <p>
          No paper with the id “{id}” is in this dataset. It may have been re-ingested under a
          corrected title.
        </p>
        <AppLink className="button" href={backHref}>
          Back to the papers
        </AppLink>
      </div>
    );
  const { saved, read } = marks;
  // A dataset from before similar papers moved apart still carries them in the day file.
  const similar = paper.similar ?? loadedSimilar;
  const matches = list.matches;
  return (
    <article className="paper-page" aria-labelledby="paper-title">
      <nav className="paper-nav" aria-label="Paper navigation">
        <AppLink href={backHref} className="text-button">
          ← Back to the list
        </AppLink>
        <span className="spacer" />
        {position >= 0 && (
          <span className="muted">
            {position + 1} of {list.items.length}
          </span>
        )}
        {prev ? (
          <AppLink
            href={paperInList(prev.id, search, from, s.collection)}
            className="icon-button"
            rel="prev"
            aria-label={`Previous paper: ${list.resolve(prev)?.title ?? ''}`}
          >
            <ChevronLeft /> <span>Previous</span>
          </AppLink>
        ) : null}
        {next ? (
          <AppLink
            href={paperInList(next.id, search, from, s.collection)}
            className="icon-button"
            rel="next"
            aria-label={`Next paper: ${list.resolve(next)?.title ?? ''}`}
          >
            <span>Next</span> <ChevronRight />
          </AppLink>
        ) : null}
      </nav>
      <header>
        <h1 id="paper-title">
          <HighlightedText text={paper.title} terms={matches} />
        </h1>
        {paper.authors?.length ? (
          <Authors
            authors={paper.authors}
            authorHref={(name) => authorHref(name, s.date, s.view)}
            className="paper-authors"
            follow={followAuthors}
          />
        ) : null}
        <p className="card-meta">
          {paper.upvotes !== undefined && <Votes n={paper.upvotes} />}
          {(paper.comments ?? 0) > 0 && <Comments n={paper.comments!} />}
          <time dateTime={paper.date}>{shortDate(paper.date)}</time>
          <span>{paper.wordCount} words</span>
          {paper.arxivId && <span>arXiv {paper.arxivId}</span>}
          {paper.categories?.length ? <Categories categories={paper.categories} /> : null}
        </p>
      </header>
      <div className="paper-actions">
        <button
          type="button"
          className="icon-button toggle-save"
          aria-pressed={saved}
          onClick={() => s.toggleSaved(paper)}
          title={saved ? 'Saved: click to remove from Saved (s)' : 'Save (s)'}
        >
          {saved ? 'Saved' : 'Save'}
        </button>
        <button
          type="button"
          className="icon-button toggle-read"
          aria-pressed={read}
          onClick={() => s.toggleRead(paper)}
          title={read ? 'Read: click to mark unread (m)' : 'Mark read (m)'}
        >
          Read
        </button>
        <CiteButton paper={paper} />
      </div>
      <PaperLinks links={paper.links} arxivId={paper.arxivId} title={paper.title} full />
      {saved && <NoteEditor id={paper.id} />}
      {saved && <CollectionPicker id={paper.id} />}
      <section aria-labelledby="abstract-title">
        <h2 id="abstract-title">Abstract</h2>
        <p className="abstract abstract-full">
          <HighlightedText
            text={showRaw && paper.abstractRaw ? paper.abstractRaw : paper.abstract}
            terms={matches}
          />
        </p>
        {paper.abstractRaw && (
          <button
            type="button"
            className="text-button"
            aria-pressed={showRaw}
            onClick={() => setShowRaw(!showRaw)}
          >
            Show the abstract as ingested (before math clean-up)
          </button>
        )}
      </section>
      <section aria-labelledby="topics-title">
        <h2 id="topics-title">Topics</h2>
        {paper.topics.length ? (
          <dl className="evidence">
            {paper.topics.map((t) => {
              const ev = paper.evidence[t];
              const words = [
                ...(ev?.title ?? []).map((w) => `${w} (title)`),
                ...(ev?.abstract ?? []),
              ];
              return (
                <div key={t}>
                  <dt>
                    <AppLink className="chip" href={topicHref(t, paper.date)}>
                      {topicLabel(t)}
                    </AppLink>
                    <TopicFeedLink topic={t} />
                  </dt>
                  <dd>
                    Because of: {words.join(', ')}{' '}
                    <span className="muted">(score {ev?.score ?? 0})</span>
                  </dd>
                </div>
              );
            })}
          </dl>
        ) : (
          <p className="muted">No topic from the table matched this paper.</p>
        )}
      </section>
      <section aria-labelledby="similar-title">
        <h2 id="similar-title">Similar papers</h2>
        {similar === undefined ? (
          <p className="muted" role="status">
            Loading similar papers…
          </p>
        ) : similar.length ? (
          <ol className="similar">
            {similar.map((sim) => (
              <li key={sim.id}>
                <AppLink href={paperHref(sim.id, sim.date)}>{sim.title}</AppLink>{' '}
                <span className="muted">
                  {shortDate(sim.date)} · similarity {Math.round(sim.score * 100)}%
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No similar papers in this dataset.</p>
        )}
      </section>
    </article>
  );
}
