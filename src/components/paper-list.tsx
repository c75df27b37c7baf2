/**
 * A list of papers, grouped under date headings or flat. Short lists render in full (find in
 * page works); long ones are virtualised against the window scroll so 500 or 20,000 papers
 * scroll smoothly. The keyboard cursor (j/k) is kept in view and focused.
 */
import {
  Suspense,
  lazy,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  type ComponentProps,
  type ReactNode,
} from 'react';
import type { Paper } from '../domain/schema';
import { longDay } from '../domain/dates';
import { listRows, type ListItem, type ListRow } from '../domain/feed';
import { PaperCard, PaperCardSkeleton } from './paper-card';

export type Row = ListRow<ListItem>;

export interface PaperListProps {
  items: ListItem[];
  /** The paper of an item, or null while it is on its way. */
  resolve: (item: ListItem) => Paper | null;
  grouped: boolean;
  matches: readonly string[];
  hrefFor: (id: string) => string;
  topicHref: (topic: string) => string;
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

// The virtualiser is only needed for long lists: loaded on first use, off the first screen.
const VirtualList = lazy(() => import('./virtual-list'));

const dateHeading = longDay;

export function PaperList(props: PaperListProps) {
  const { items, grouped, cursor } = props;
  const rows = useMemo(() => listRows(items, grouped), [items, grouped]);
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
    if (!paper) return <PaperCardSkeleton position={position} />;
    return (
      <PaperRow
        paper={paper}
        href={props.hrefFor(paper.id)}
        topicHref={props.topicHref}
        matches={props.matches}
        position={position}
        headingLevel={grouped ? 3 : 2}
        usePaperState={props.usePaperState}
        isNew={props.isNew(paper)}
        focused={position === cursor}
        showDate={!grouped}
        onToggleSaved={props.onToggleSaved}
        onToggleRead={props.onToggleRead}
        onOpen={props.onOpen}
      />
    );
  };

  const listRef = useRef<HTMLDivElement>(null);
  const focusCursor = useCallback(() => {
    const el = listRef.current?.querySelector<HTMLElement>(`[data-position="${cursor}"]`);
    if (el && document.activeElement !== el && !el.contains(document.activeElement))
      el.focus({ preventScroll: false });
  }, [cursor]);

  if (!virtual)
    return (
      <div className="paper-list" ref={listRef}>
        <CursorFocus cursor={cursor} focus={focusCursor} />
        {rows.map((row) => (
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
