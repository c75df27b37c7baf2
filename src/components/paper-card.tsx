import { memo, useId, useState, type Ref } from 'react';
import { formatCount, shortDate, upvotesLabel } from '../domain/feed';
import type { Paper } from '../domain/schema';
import { useTopicLabel } from './topic-labels';
import { highlight } from '../domain/highlight';
import { AppLink } from './app-link';
import { AUTHORS_SHOWN, Authors } from './authors';
import { HighlightedText } from './highlighted-text';
import { PaperLinks } from './paper-links';

export type Density = 'card' | 'compact';

export interface PaperCardProps {
  paper: Paper;
  href: string;
  /** The current list narrowed to one topic. */
  topicHref: (topic: string) => string;
  /** A search for one author's papers. */
  authorHref: (name: string) => string;
  matches: readonly string[];
  position: number;
  headingLevel: 2 | 3;
  /** A card with the abstract and links, or one compact row (title, authors, topics). */
  density?: Density;
  saved: boolean;
  /** The reader's note, when the paper is saved with one. */
  note?: string | undefined;
  /** Why the paper ranks where it does in a "For you" list. */
  reason?: string | undefined;
  read: boolean;
  isNew: boolean;
  focused: boolean;
  showDate: boolean;
  onToggleSaved: (paper: Paper) => void;
  onToggleRead: (paper: Paper) => void;
  onOpen: (paper: Paper) => void;
}

const LONG_ABSTRACT = 220;

/**
 * A folded abstract shows two lines: its first CLAMPED_TEXT characters are more than enough to
 * fill them on any screen. Laying out (shaping) the whole text of 60 abstracts only to hide it
 * was most of the first screen's layout work; "Show more" renders all of it.
 */
export const CLAMPED_TEXT = 420;

/** The start of a long text, cut at a word, for a folded abstract. */
export function foldedText(
  text: string,
  terms: readonly string[] = [],
  length = CLAMPED_TEXT,
): string {
  // A match the two lines would hide: the folded text starts at its sentence instead, so the
  // reader sees why the paper is in the list.
  const at = terms.length ? firstHit(text, terms) : -1;
  if (at > SHOWN_BEFORE_MATCH) {
    const sentence = text.lastIndexOf('. ', at);
    const start =
      sentence >= 0 && at - sentence < SHOWN_BEFORE_MATCH
        ? sentence + 2
        : text.indexOf(' ', at - 60) + 1;
    return foldedText(`…${text.slice(start)}`, [], length);
  }
  if (text.length <= length) return text;
  const cut = text.lastIndexOf(' ', length);
  return `${text.slice(0, cut > length / 2 ? cut : length)}…`;
}

/** Characters of an abstract two folded lines show for sure, on a phone too. */
const SHOWN_BEFORE_MATCH = 100;

/** Where the first highlighted word of `text` starts, or -1. */
function firstHit(text: string, terms: readonly string[]): number {
  let at = 0;
  for (const part of highlight(text, terms)) {
    if (part.hit) return at;
    at += part.text.length;
  }
  return -1;
}

/** A card links the way to the paper, its code, project and data; other links are on its page. */
const CARD_LINKS = ['arxiv', 'pdf', 'hf', 'find', 'code', 'project', 'dataset'] as const;

const commentsLabel = (n: number) => (n === 1 ? '1 comment' : `${formatCount(n)} comments`);

/** "41 upvotes" for screen readers, "▲ 41" to the eye (the triangle comes from the style sheet). */
export function Votes({ n }: { n: number }) {
  return (
    <span className="votes" title={upvotesLabel(n)}>
      {formatCount(n)}
      <span className="visually-hidden"> {n === 1 ? 'upvote' : 'upvotes'}</span>
    </span>
  );
}

export function Comments({ n }: { n: number }) {
  return (
    <span className="comments" title={commentsLabel(n)}>
      {formatCount(n)}
      <span className="visually-hidden"> {n === 1 ? 'comment' : 'comments'}</span>
    </span>
  );
}

/** arXiv categories (cs.LG, stat.ML) as small labels, primary first. */
export function Categories({ categories }: { categories: readonly string[] }) {
  return (
    <span className="categories">
      <span className="visually-hidden">arXiv categories: </span>
      {categories.join(' · ')}
    </span>
  );
}

/**
 * Save and Read toggles. Save says "Saved" once the paper is saved (the button is its state, no
 * badge beside it); compact rows show the icons only, named the same.
 */
function Toggles({
  paper,
  saved,
  read,
  iconsOnly,
  onToggleSaved,
  onToggleRead,
}: Pick<PaperCardProps, 'paper' | 'saved' | 'read' | 'onToggleSaved' | 'onToggleRead'> & {
  iconsOnly: boolean;
}) {
  const saveLabel = saved ? 'Saved' : 'Save';
  return (
    <>
      <button
        type="button"
        className="icon-button toggle-save"
        aria-pressed={saved}
        aria-label={iconsOnly ? saveLabel : undefined}
        onClick={() => onToggleSaved(paper)}
        title={saved ? 'Saved: click to remove from Saved (s)' : 'Save (s)'}
      >
        {!iconsOnly && saveLabel}
      </button>
      <button
        type="button"
        className="icon-button toggle-read"
        aria-pressed={read}
        aria-label={iconsOnly ? 'Read' : undefined}
        onClick={() => onToggleRead(paper)}
        title={read ? 'Read: click to mark unread (m)' : 'Mark read (m)'}
      >
        {!iconsOnly && 'Read'}
      </button>
    </>
  );
}

/**
 * One paper in a list: an article whose title is a heading linking to the paper's page. The
 * markup is kept small (a list of 63 cards is most of the first screen's work): icons come from
 * the style sheet, and a line is only rendered when the paper has something to put in it.
 */
export const PaperCard = memo(function PaperCard(props: PaperCardProps) {
  const { paper, href, matches, position, headingLevel, saved, read, isNew, focused, showDate } =
    props;
  const compact = props.density === 'compact';
  const [expanded, setExpanded] = useState(false);
  const titleId = useId();
  const abstractId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const long = paper.abstract.length > LONG_ABSTRACT;
  const authors = paper.authors?.length ? (
    <Authors
      authors={paper.authors}
      authorHref={props.authorHref}
      matches={matches}
      limit={AUTHORS_SHOWN}
      className="card-authors"
    />
  ) : null;
  const topicLabel = useTopicLabel();
  const topics = paper.topics.map((t) => (
    <AppLink
      key={t}
      className="chip"
      data-topic={t}
      href={props.topicHref(t)}
      title={`Show only ${topicLabel(t)} papers`}
    >
      {topicLabel(t)}
    </AppLink>
  ));
  const votes = paper.upvotes !== undefined && <Votes n={paper.upvotes} />;
  const comments = (paper.comments ?? 0) > 0 && <Comments n={paper.comments!} />;
  const date = showDate && (
    <time className="card-date" dateTime={paper.date}>
      {shortDate(paper.date)}
    </time>
  );
  const badge = isNew && <span className="badge badge-new">New</span>;
  const toggles = (
    <Toggles
      paper={paper}
      saved={saved}
      read={read}
      iconsOnly={compact}
      onToggleSaved={props.onToggleSaved}
      onToggleRead={props.onToggleRead}
    />
  );
  return (
    <article
      className={`card${compact ? ' card-compact' : ''}${read ? ' is-read' : ''}${saved ? ' is-saved' : ''}${focused ? ' is-focused' : ''}`}
      aria-labelledby={titleId}
      data-position={position}
      data-paper-id={paper.id}
      tabIndex={-1}
    >
      <Heading id={titleId} className="card-title">
        <AppLink
          href={href}
          onClick={() => props.onOpen(paper)}
          title={compact ? paper.title : undefined}
        >
          <HighlightedText text={paper.title} terms={matches} />
        </AppLink>
      </Heading>
      {compact ? (
        <>
          <div className="card-line">
            {authors}
            {topics.length > 0 && (
              <p className="card-topics">
                <span className="visually-hidden">Topics: </span>
                {topics}
              </p>
            )}
          </div>
          <div className="card-side">
            {date}
            {badge}
            {votes}
            {toggles}
          </div>
        </>
      ) : (
        <>
          {/* Votes, authors, categories and topics share a line where they fit: the abstract
              and the actions get the space. */}
          <div className="card-byline">
            {votes}
            {comments}
            {authors}
            {paper.categories?.length ? <Categories categories={paper.categories} /> : null}
            {date}
            {badge}
            {topics.length > 0 && (
              <span className="card-topics">
                <span className="visually-hidden">Topics: </span>
                {topics}
              </span>
            )}
          </div>
          <p id={abstractId} className={`abstract${long && !expanded ? ' is-clamped' : ''}`}>
            <HighlightedText
              text={long && !expanded ? foldedText(paper.abstract, matches) : paper.abstract}
              terms={matches}
            />
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
            <span className="spacer" />
            <PaperLinks
              links={paper.links}
              arxivId={paper.arxivId}
              title={paper.title}
              kinds={CARD_LINKS}
            />
            {toggles}
          </div>
        </>
      )}
      {props.reason && (
        <p className="card-reason">
          <span className="card-note-label">For you:</span> {props.reason}
        </p>
      )}
      {props.note && (
        <p className="card-note">
          <span className="card-note-label">Your note:</span> {props.note}
        </p>
      )}
    </article>
  );
});

/** A placeholder of a card's size while its paper is on its way. */
export function PaperCardSkeleton({
  position,
  density,
  ref,
}: {
  position: number;
  density?: Density;
  ref?: Ref<HTMLDivElement>;
}) {
  return (
    <div
      ref={ref}
      className={`card card-skeleton${density === 'compact' ? ' card-compact' : ''}`}
      data-position={position}
      aria-hidden="true"
    >
      <div className="skeleton-line wide" />
      <div className="skeleton-line" />
    </div>
  );
}
