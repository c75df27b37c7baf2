import { memo, useId, useState } from 'react';
import { shortDate, upvotesLabel } from '../domain/feed';
import type { Paper } from '../domain/schema';
import { topicLabel } from '../domain/topic-meta';
import { AppLink } from './app-link';
import { HighlightedText } from './highlighted-text';
import { BookmarkIcon, CheckIcon } from './icons';
import { PaperLinks } from './paper-links';

export interface PaperCardProps {
  paper: Paper;
  href: string;
  /** The current list narrowed to one topic. */
  topicHref: (topic: string) => string;
  matches: readonly string[];
  position: number;
  headingLevel: 2 | 3;
  saved: boolean;
  /** The reader's note, when the paper is saved with one. */
  note?: string | undefined;
  read: boolean;
  isNew: boolean;
  focused: boolean;
  showDate: boolean;
  onToggleSaved: (paper: Paper) => void;
  onToggleRead: (paper: Paper) => void;
  onOpen: (paper: Paper) => void;
}

const LONG_ABSTRACT = 320;

/** One paper in a list: an article whose title is a heading linking to the paper's page. */
export const PaperCard = memo(function PaperCard(props: PaperCardProps) {
  const { paper, href, matches, position, headingLevel, saved, read, isNew, focused, showDate } =
    props;
  const [expanded, setExpanded] = useState(false);
  const titleId = useId();
  const abstractId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const long = paper.abstract.length > LONG_ABSTRACT;
  return (
    <article
      className={`card${read ? ' is-read' : ''}${focused ? ' is-focused' : ''}`}
      aria-labelledby={titleId}
      data-position={position}
      data-paper-id={paper.id}
      tabIndex={-1}
    >
      <Heading id={titleId} className="card-title">
        <AppLink href={href} onClick={() => props.onOpen(paper)}>
          <HighlightedText text={paper.title} terms={matches} />
        </AppLink>
      </Heading>
      <p className="card-meta">
        {showDate && <time dateTime={paper.date}>{shortDate(paper.date)}</time>}
        <span>{paper.wordCount} words</span>
        {paper.upvotes !== undefined && <span>{upvotesLabel(paper.upvotes)}</span>}
        {paper.authors?.length ? (
          <span className="authors">
            {paper.authors.slice(0, 3).join(', ') + (paper.authors.length > 3 ? ' et al.' : '')}
          </span>
        ) : null}
        {isNew && <span className="badge badge-new">New</span>}
        {read && <span className="badge badge-read">Read</span>}
        {saved && <span className="badge badge-saved">Saved</span>}
      </p>
      {paper.topics.length > 0 && (
        <p className="card-topics">
          <span className="visually-hidden">Topics: </span>
          {paper.topics.map((t) => (
            <AppLink
              key={t}
              className="chip"
              data-topic={t}
              href={props.topicHref(t)}
              title={`Show only ${topicLabel(t)} papers`}
            >
              {topicLabel(t)}
            </AppLink>
          ))}
        </p>
      )}
      {props.note && (
        <p className="card-note">
          <span className="card-note-label">Your note:</span> {props.note}
        </p>
      )}
      <p id={abstractId} className={`abstract${long && !expanded ? ' is-clamped' : ''}`}>
        <HighlightedText text={paper.abstract} terms={matches} />
      </p>
      <div className="card-actions">
        {long && (
          <button
            type="button"
            className="text-button"
            aria-expanded={expanded}
            aria-controls={abstractId}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? 'Show less' : 'Show more'}
          </button>
        )}
        <PaperLinks links={paper.links} arxivId={paper.arxivId} />
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          aria-pressed={saved}
          onClick={() => props.onToggleSaved(paper)}
          title="Save (s)"
        >
          <BookmarkIcon filled={saved} />
          <span>Save</span>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-pressed={read}
          onClick={() => props.onToggleRead(paper)}
          title="Mark read (m)"
        >
          <CheckIcon />
          <span>Read</span>
        </button>
      </div>
    </article>
  );
});

/** A placeholder of a card's size while its paper is on its way. */
export function PaperCardSkeleton({ position }: { position: number }) {
  return (
    <div className="card card-skeleton" data-position={position} aria-hidden="true">
      <div className="skeleton-line wide" />
      <div className="skeleton-line" />
      <div className="skeleton-line" />
    </div>
  );
}
