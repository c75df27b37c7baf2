import { Suspense, lazy, useState } from 'react';
import { activeFilterCount, formatCount } from '../../domain/feed';
import { useApp } from '../../store';
import { selectTopics } from '../../store/selectors';
import { TopicFeedLink } from '../../components/topic-feed-link';
import { AppLink } from '../../components/app-link';
import { authorHref } from '../../store/url';
import { useShallow } from 'zustand/react/shallow';

// The editor is needed only when the reader makes or changes a topic of their own.
const TopicEditor = lazy(() => import('./topic-editor'));

export interface FilterBarProps {
  topicCounts: Record<string, number>;
  codeCount: number;
}

/**
 * Topic toggles with counts (built-in, the site's and the reader's own, which can be edited and
 * made here), match mode, has-code, hide-read, new, and clear.
 */
export function FilterBar({ topicCounts, codeCount }: FilterBarProps) {
  const {
    topics,
    query,
    toggleTopic,
    setTopicMode,
    setFlag,
    clearFilters,
    followed,
    toggleFollow,
    ownTopics,
    authors,
    toggleFollowAuthor,
    date,
    view,
  } = useApp(
    useShallow((s) => ({
      authors: s.followedAuthors,
      toggleFollowAuthor: s.toggleFollowAuthor,
      date: s.date,
      view: s.view,
      topics: selectTopics(s),
      ownTopics: s.ownTopics,
      query: s.query,
      toggleTopic: s.toggleTopic,
      setTopicMode: s.setTopicMode,
      setFlag: s.setFlag,
      clearFilters: s.clearFilters,
      followed: s.followed,
      toggleFollow: s.toggleFollow,
    })),
  );
  const active = activeFilterCount(query) > 0;
  // The topic being edited: an own topic's id, 'new', or null.
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="filters" aria-labelledby="filters-title">
      <h2 id="filters-title" className="visually-hidden">
        Filters
      </h2>
      {/* The filters that are not topics come first: a column of 17 topics pushed them below
          the fold of a laptop screen. */}
      <div className="filter-options">
        <label className="check">
          <input
            type="checkbox"
            checked={query.hasCode}
            onChange={(e) => setFlag('hasCode', e.target.checked)}
          />
          Has code <span className="count">{formatCount(codeCount)}</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={query.hideRead}
            onChange={(e) => setFlag('hideRead', e.target.checked)}
          />
          Hide read
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={query.onlyNew}
            onChange={(e) => setFlag('onlyNew', e.target.checked)}
          />
          New since last visit
        </label>
      </div>
      <div className="topics-head">
        <h3 className="filters-title">Topics</h3>
        <button
          type="button"
          className="text-button"
          onClick={clearFilters}
          disabled={!active}
          hidden={!active}
        >
          Clear filters
        </button>
      </div>
      <ul className="topic-list" aria-label="Topic filters">
        {topics.map((t) => {
          const count = topicCounts[t.id] ?? 0;
          const pressed = query.topics.includes(t.id);
          const following = followed.includes(t.id);
          return (
            <li key={t.id} className={count === 0 && !pressed ? 'is-empty' : undefined}>
              <button
                type="button"
                className="topic-toggle"
                aria-pressed={pressed}
                onClick={() => toggleTopic(t.id)}
                data-topic={t.id}
              >
                <span className="topic-label">{t.label}</span>{' '}
                <span className="count">{formatCount(count)}</span>
              </button>
              {t.kind === 'own' ? (
                <button
                  type="button"
                  className="follow edit-topic"
                  aria-label={`Edit ${t.label}`}
                  title={`Edit ${t.label}: your own topic`}
                  aria-expanded={editing === t.id}
                  onClick={() => setEditing(editing === t.id ? null : t.id)}
                >
                  ✎
                </button>
              ) : (
                <TopicFeedLink topic={t.id} />
              )}
              <button
                type="button"
                className="follow"
                aria-pressed={following}
                aria-label={`Follow ${t.label}`}
                title={
                  following
                    ? `Following ${t.label}: new papers are counted for you`
                    : `Follow ${t.label}`
                }
                onClick={() => toggleFollow(t.id)}
              >
                {following ? '★' : '☆'}
              </button>
            </li>
          );
        })}
      </ul>
      {editing === null ? (
        <button type="button" className="text-button new-topic" onClick={() => setEditing('new')}>
          + New topic
        </button>
      ) : (
        <Suspense fallback={<p role="status">Loading the topic editor…</p>}>
          <TopicEditor
            key={editing}
            topic={ownTopics.find((t) => t.id === editing)}
            onDone={(saved) => {
              setEditing(null);
              // A new topic is shown at once: its filter is turned on.
              if (saved && editing === 'new' && !query.topics.includes(saved.id))
                toggleTopic(saved.id);
            }}
          />
        </Suspense>
      )}
      <label className="check match-all">
        <input
          type="checkbox"
          checked={query.topicMode === 'all'}
          onChange={(e) => setTopicMode(e.target.checked ? 'all' : 'any')}
        />
        Match all selected topics
      </label>
      {authors.length > 0 && (
        <>
          <h3 className="filters-title authors-title">Authors you follow</h3>
          <ul className="topic-list followed-authors" aria-label="Authors you follow">
            {authors.map((name) => (
              <li key={name}>
                <AppLink className="topic-toggle" href={authorHref(name, date, view)}>
                  <span className="topic-label">{name}</span>
                </AppLink>
                <button
                  type="button"
                  className="follow"
                  aria-pressed={true}
                  aria-label={`Follow ${name}`}
                  title={`Following ${name}: click to stop`}
                  onClick={() => toggleFollowAuthor(name)}
                >
                  ★
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
