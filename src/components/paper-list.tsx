/**
 * A list of papers, grouped under date headings or flat. Short lists render in full (find in
 * page works); long ones are virtualised against the window scroll so 500 or 20,000 papers
 * scroll smoothly. The keyboard cursor (j/k) is kept in view and focused.
 */
import {
  Suspense,
  lazy,
  startTransition,
  useCallback,
  useState,
  useEffect,
  useMemo,
  useRef,
  type ComponentProps,
  type ReactNode,
} from 'react';
import type { Paper } from '../domain/schema';
import { longDay } from '../domain/dates';
import { listRows, type ListItem, type ListRow } from '../domain/feed';
import { evidenceTerms } from '../domain/topic-rules';
import { PaperCard, PaperCardSkeleton, type Density } from './paper-card';

export type Row = ListRow<ListItem>;

export interface PaperListProps {
  items: ListItem[];
  /** The paper of an item, or null while it is on its way. */
  resolve: (item: ListItem) => Paper | null;
  grouped: boolean;
  matches: readonly string[];
  /** Why a paper is where it is in a "For you" list, or null. */
  reasonFor?: (paper: Paper) => string | null;
  /** Topics whose evidence words are highlighted too (the topic filters that are on). */
  highlightTopics?: readonly string[];
  hrefFor: (id: string) => string;
  topicHref: (topic: string) => string;
  /** A search for one author's papers. */
  authorHref: (name: string) => string;
  /** Cards (the default) or compact rows. */
  density?: Density;
  /** A hook giving one paper's marks; each row calls it, so a mark re-renders its row only. */
  usePaperState: (id: string) => { saved: boolean; note: string | undefined; read: boolean };
  isNew: (paper: Paper) => boolean;
  cursor: number;
  onToggleSaved: (paper: Paper) => void;
  onToggleRead: (paper: Paper) => void;
  onOpen: (paper: Paper) => void;
  /** Asks for papers not yet loaded (all-days results) when they come into view. */
  onNeedPapers?: (ids: string[]) => void;
}

export const VIRTUALIZE_ABOVE = 80;

/**
 * A new list first renders the rows that can be on the first screen (a card is at least 150 px
 * tall, a compact row 50 px), then the rest a few at a time (MORE_ROWS per task, each in a
 * transition): on a slow phone the first papers appear sooner, and no single task making and
 * laying out 60 cards keeps the page from answering input.
 */
export const MORE_ROWS = 8;

export function firstRows(density: PaperListProps['density'], screenHeight: number): number {
  return Math.max(4, Math.ceil(screenHeight / (density === 'compact' ? 50 : 150)) + 1);
}

// The virtualiser is only needed for long lists: loaded on first use, off the first screen.
const VirtualList = lazy(() => import('./virtual-list'));

const dateHeading = longDay;
const NONE: readonly string[] = [];

const termCache = new WeakMap<Paper, { key: string; terms: readonly string[] }>();

/**
 * The words to highlight in a paper: the search's, and the words that gave it the topics
 * filtered by. The same array for the same paper and filters, so its card is not re-rendered.
 */
function termsFor(
  paper: Paper,
  matches: readonly string[],
  topics: readonly string[],
): readonly string[] {
  if (!topics.length) return matches;
  const key = `${matches.join(' ')}|${topics.join(',')}`;
  const cached = termCache.get(paper);
  if (cached?.key === key) return cached.terms;
  const extra = evidenceTerms(paper, topics);
  const terms = extra.length ? [...new Set([...matches, ...extra])] : matches;
  termCache.set(paper, { key, terms });
  return terms;
}

export function PaperList(props: PaperListProps) {
  const { items, grouped, cursor } = props;
  const rows = useMemo(() => listRows(items, grouped), [items, grouped]);
  // A card shows its date only where the list spans days without date headings.
  const severalDays = useMemo(() => items.some((item) => item.date !== items[0]!.date), [items]);
  const virtual = rows.length > VIRTUALIZE_ABOVE;
  const rowOfPosition = useMemo(() => {
    const map: number[] = [];
    rows.forEach((r, i) => {
      if (r.kind === 'item') map[r.position] = i;
    });
    return map;
  }, [rows]);

  const renderRow = (row: Row): ReactNode => {
    if (row.kind === 'date')
      return (
        <h2 className="date-heading">
          {dateHeading(row.date)}{' '}
          <span className="count">{row.count === 1 ? '1 paper' : `${row.count} papers`}</span>
        </h2>
      );
    const { item, position } = row;
    const paper = props.resolve(item);
    if (!paper)
      return virtual || !props.onNeedPapers ? (
        <PaperCardSkeleton position={position} density={props.density} />
      ) : (
        <PendingRow
          id={item.id}
          list={items}
          position={position}
          density={props.density}
          onNeed={props.onNeedPapers}
        />
      );
    return (
      <PaperRow
        paper={paper}
        href={props.hrefFor(paper.id)}
        topicHref={props.topicHref}
        authorHref={props.authorHref}
        density={props.density}
        matches={termsFor(paper, props.matches, props.highlightTopics ?? NONE)}
        reason={props.reasonFor?.(paper) ?? undefined}
        position={position}
        headingLevel={grouped ? 3 : 2}
        usePaperState={props.usePaperState}
        isNew={props.isNew(paper)}
        focused={position === cursor}
        showDate={!grouped && severalDays}
        onToggleSaved={props.onToggleSaved}
        onToggleRead={props.onToggleRead}
        onOpen={props.onOpen}
      />
    );
  };

  const [first] = useState(() =>
    firstRows(props.density, typeof window === 'undefined' ? 800 : window.innerHeight),
  );
  // Only grows: a list that changes (a filter, a search) never collapses under the reader.
  const [limit, setLimit] = useState(first);
  useEffect(() => {
    if (limit >= rows.length) return;
    const timer = setTimeout(() => startTransition(() => setLimit((n) => n + MORE_ROWS)), 0);
    return () => clearTimeout(timer);
  }, [limit, rows.length]);
  const shownRows =
    limit >= rows.length ? rows : rows.slice(0, Math.max(limit, (rowOfPosition[cursor] ?? 0) + 1));

  const listRef = useRef<HTMLDivElement>(null);
  const focusCursor = useCallback(() => {
    const el = listRef.current?.querySelector<HTMLElement>(`[data-position="${cursor}"]`);
    if (el && document.activeElement !== el && !el.contains(document.activeElement))
      el.focus({ preventScroll: false });
  }, [cursor]);

  if (!virtual)
    return (
      <div
        className={`paper-list${props.density === 'compact' ? ' is-compact' : ''}`}
        ref={listRef}
      >
        <CursorFocus cursor={cursor} focus={focusCursor} />
        {shownRows.map((row) => (
          <div key={row.kind === 'date' ? `d:${row.date}` : `p:${row.item.id}`} className="row">
            {renderRow(row)}
          </div>
        ))}
      </div>
    );
  return (
    <Suspense fallback={<div className="card card-skeleton" aria-hidden="true" />}>
      <VirtualList
        {...props}
        rows={rows}
        rowOfPosition={rowOfPosition}
        renderRow={renderRow}
        listRef={listRef}
        focusCursor={focusCursor}
      />
    </Suspense>
  );
}

/** A card with the reader's marks on its paper, read through the hook the list was given. */
function PaperRow({
  usePaperState,
  ...props
}: Omit<ComponentProps<typeof PaperCard>, 'saved' | 'note' | 'read'> & {
  usePaperState: PaperListProps['usePaperState'];
}) {
  const { saved, note, read } = usePaperState(props.paper.id);
  return <PaperCard {...props} saved={saved} note={note} read={read} />;
}

/**
 * The placeholder of a paper on its way in a short (not virtualised) list: it asks for its paper
 * when it comes within a screen of the viewport, so a result of 70 papers fetches the rows a
 * reader can see, not all 70 (the virtualised list asks for the rows it renders itself). Where
 * IntersectionObserver is missing it asks at once.
 */
function PendingRow({
  id,
  list,
  position,
  density,
  onNeed,
}: {
  id: string;
  /** The list it is in: a new list (a new result) asks again. */
  list: readonly ListItem[];
  position: number;
  density: PaperListProps['density'];
  onNeed: (ids: string[]) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      onNeed([id]);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        onNeed([id]);
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [id, onNeed, list]);
  return <PaperCardSkeleton position={position} density={density} ref={ref} />;
}

/** Focuses the cursor's card when the cursor moves (not on first render). */
function CursorFocus({ cursor, focus }: { cursor: number; focus: () => void }) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focus();
  }, [cursor, focus]);
  return null;
}
