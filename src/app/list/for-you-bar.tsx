import { useMemo } from 'react';
import { useApp } from '../../store';
import { collectionCounts } from '../saved/collection-counts';
import type { ForYouState } from './use-for-you';

/**
 * Above a list sorted "For you": what it is ranked by (all saved papers or one collection, a
 * choice when there are collections), what it needs, or that it is ranking.
 */
export function ForYouBar({ state }: { state: ForYouState }) {
  const saved = useApp((s) => s.saved);
  const like = useApp((s) => s.query.like);
  const setLike = useApp((s) => s.setLike);
  const collections = useMemo(() => collectionCounts(saved), [saved]);
  return (
    <div className="list-note for-you-bar" role="note">
      {collections.length > 0 && (
        <label className="field-inline">
          Like
          <select value={like} onChange={(e) => setLike(e.target.value)}>
            <option value="">All saved papers</option>
            {collections.map(([name, n]) => (
              <option key={name} value={name}>
                {name} ({n})
              </option>
            ))}
          </select>
        </label>
      )}
      <span className={state.status === 'error' ? 'field-error' : undefined}>{state.message}</span>
    </div>
  );
}
