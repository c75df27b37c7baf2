/** The virtualised body of a long PaperList (see paper-list.tsx), loaded on demand. */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import type { PaperListProps, Row } from './paper-list';

const PAGE = 100;

export default function VirtualList(
  props: PaperListProps & {
    rows: Row[];
    rowOfPosition: number[];
    renderRow: (row: Row) => ReactNode;
    listRef: RefObject<HTMLDivElement | null>;
    focusCursor: () => void;
  },
) {
  const { rows, rowOfPosition, renderRow, listRef, cursor, onNeedPapers } = props;
  // The list's distance from the top of the page: the virtualiser works in window coordinates.
  const [node, setNode] = useState<HTMLDivElement | null>(null);
  const attach = useCallback(
    (el: HTMLDivElement | null) => {
      listRef.current = el;
      setNode(el);
    },
    [listRef],
  );
  // Measured after layout and when the page above the list changes size, never during render:
  // reading layout in render forced a synchronous layout on every scroll frame.
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    if (!node) return;
    const measure = () =>
      setScrollMargin(Math.round(node.getBoundingClientRect().top + window.scrollY));
    measure();
    const observer = new ResizeObserver(measure);
    if (node.parentElement) observer.observe(node.parentElement);
    return () => observer.disconnect();
  }, [node]);
  // The list grows by pages as the reader nears its end: the virtualiser re-measures every row
  // after the one that changed size, so 20,000 rows at once made each new card cost milliseconds.
  const [shown, setShown] = useState({ rows, limit: PAGE });
  let limit = shown.rows === rows ? shown.limit : PAGE;
  const cursorRow = rowOfPosition[cursor];
  if (cursorRow !== undefined && cursorRow >= limit) limit = cursorRow + PAGE;
  if (shown.rows !== rows || shown.limit !== limit) setShown({ rows, limit });
  const count = Math.min(rows.length, limit);
  // Kept while the rows are the same: the virtualiser measures every row again when either
  // function changes, and the list renders again for each row that arrives.
  const compact = props.density === 'compact';
  const estimateSize = useCallback(
    (i: number) => (rows[i]?.kind === 'date' ? 56 : compact ? 66 : 200),
    [rows, compact],
  );
  const getItemKey = useCallback(
    (i: number) => {
      const row = rows[i]!;
      return row.kind === 'date' ? `d:${row.date}` : `p:${row.item.id}`;
    },
    [rows],
  );
  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize,
    overscan: 6,
    scrollMargin,
    // Near the end of what is shown, show the next page.
    onChange: (instance) => {
      const last = instance.getVirtualItems().at(-1)?.index ?? 0;
      if (last > count - PAGE / 4 && count < rows.length) setShown({ rows, limit: count + PAGE });
    },
    getItemKey,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const row = rowOfPosition[cursor];
    if (row === undefined) return;
    virtualizer.scrollToIndex(row, { align: 'auto' });
    requestAnimationFrame(() => props.focusCursor());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor]);
  const missingKey = virtualItems
    .map((v) => rows[v.index])
    .flatMap((row) => (row?.kind === 'item' && !props.resolve(row.item) ? [row.item.id] : []))
    .join(',');
  // Asked again for every new list: a new result forgets what the last one asked for.
  useEffect(() => {
    if (missingKey && onNeedPapers) onNeedPapers(missingKey.split(','));
  }, [missingKey, onNeedPapers, rows]);
  return (
    <div
      className={`paper-list${props.density === 'compact' ? ' is-compact' : ''}`}
      ref={attach}
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {virtualItems.map((v) => {
        const row = rows[v.index]!;
        return (
          <div
            key={v.key}
            data-index={v.index}
            ref={virtualizer.measureElement}
            className="row"
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${v.start - virtualizer.options.scrollMargin}px)`,
            }}
          >
            {renderRow(row)}
          </div>
        );
      })}
    </div>
  );
}
