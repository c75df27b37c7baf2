import { Fragment } from 'react';
import { AppLink } from './app-link';
import { HighlightedText } from './highlighted-text';

/** How many authors a list row names before folding the rest into "+N". */
export const AUTHORS_SHOWN = 3;

/**
 * A paper's authors, each a link that searches for that author's papers (search indexes
 * authors). With `limit`, the names after the first `limit` fold into "… +N", as Hugging Face's
 * daily page does; the paper's page lists them all.
 */
export function Authors({
  authors,
  authorHref,
  matches = [],
  limit,
  className = 'authors',
  follow,
}: {
  authors: readonly string[];
  authorHref: (name: string) => string;
  matches?: readonly string[];
  limit?: number;
  className?: string;
  /** With it, a star after each name follows that author (the paper page). */
  follow?: { isFollowed: (name: string) => boolean; toggle: (name: string) => void };
}) {
  const shown = limit === undefined ? authors : authors.slice(0, limit);
  const more = authors.length - shown.length;
  return (
    <p className={className}>
      <span className="visually-hidden">Authors: </span>
      {shown.map((name, i) => (
        <Fragment key={`${i}:${name}`}>
          {i > 0 && ', '}
          <AppLink href={authorHref(name)} className="author" title={`Papers by ${name}`}>
            <HighlightedText text={name} terms={matches} />
          </AppLink>
          {follow && (
            <button
              type="button"
              className="follow follow-author"
              aria-pressed={follow.isFollowed(name)}
              aria-label={`Follow ${name}`}
              title={
                follow.isFollowed(name)
                  ? `Following ${name}: new papers are counted for you`
                  : `Follow ${name}`
              }
              onClick={() => follow.toggle(name)}
            >
              {follow.isFollowed(name) ? '★' : '☆'}
            </button>
          )}
        </Fragment>
      ))}
      {more > 0 && (
        <span className="more-authors" title={authors.slice(shown.length).join(', ')}>
          {' '}
          … +{more}
          <span className="visually-hidden"> more {more === 1 ? 'author' : 'authors'}</span>
        </span>
      )}
    </p>
  );
}
