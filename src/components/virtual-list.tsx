/** The virtualised body of a long PaperList (see paper-list.tsx), loaded on demand. */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { PaperListProps, Row } from './paper-list';

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
  const scrollMargin = node ? node.getBoundingClientRect().top + window.scrollY : 0;
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => (rows[i]?.kind === 'date' ? 56 : 230),
    overscan: 6,
    scrollMargin,
    getItemKey: (i) => {
      const row = rows[i]!;
      return row.kind === 'date' ? `d:${row.date}` : `p:${row.item.id}`;
    },
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
    .flatMap((row) => (row?.kind === 'item' && !row.item.paper ? [row.item.id] : []))
    .join(',');
  useEffect(() => {
    if (missingKey && onNeedPapers) onNeedPapers(missingKey.split(','));
  }, [missingKey, onNeedPapers]);
  return (
    <div
      className="paper-list"
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
