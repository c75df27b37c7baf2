import { useState } from 'react';
import { countLabel } from '../../domain/feed';
import { useApp } from '../../store';

/** Past this many papers, marking all read would fill the browser's storage for little gain. */
export const MARK_ALL_LIMIT = 1000;

/**
 * "Mark all read" for the papers listed (the morning scan is done), with Undo. Not offered for
 * lists longer than MARK_ALL_LIMIT (an all-days search).
 */
export function MarkAllRead({
  items,
  listKey,
}: {
  items: readonly { id: string; date: string }[];
  /** Names the list (its URL): the undo offer belongs to the list it was made for. */
  listKey: string;
}) {
  const read = useApp((s) => s.read);
  const markAllRead = useApp((s) => s.markAllRead);
  const unmarkRead = useApp((s) => s.unmarkRead);
  const [undo, setUndo] = useState<{ ids: string[]; listKey: string } | null>(null);
  const offer = undo?.listKey === listKey ? undo : null;
  if (!offer && (items.length === 0 || items.length > MARK_ALL_LIMIT)) return null;
  const unread = items.filter((p) => !Object.hasOwn(read, p.id)).length;
  return (
    <span className="mark-all">
      <span role="status">{offer ? `Marked ${countLabel(offer.ids.length)} read. ` : ''}</span>
      {offer ? (
        <button
          type="button"
          className="text-button"
          onClick={() => {
            unmarkRead(offer.ids);
            setUndo(null);
          }}
        >
          Undo
        </button>
      ) : (
        <button
          type="button"
          className="icon-button mark-all-button"
          disabled={unread === 0}
          title={
            unread
              ? `Mark the ${unread} unread papers listed as read`
              : 'All listed papers are read'
          }
          onClick={() => setUndo({ ids: markAllRead(items), listKey })}
        >
          <span className="mark-all-label">Mark all read</span>
        </button>
      )}
    </span>
  );
}
