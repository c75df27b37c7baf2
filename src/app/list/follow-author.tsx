import { authorKey } from '../../domain/visits';
import { useApp } from '../../store';
import type { FeedList } from './use-feed';

/**
 * Above a search for an author's name (an author link opens one): "Follow Jane Doe", so their
 * new papers are marked and counted since the last visit.
 */
export function FollowAuthor({ list, q }: { list: FeedList; q: string }) {
  const followed = useApp((s) => s.followedAuthors);
  const toggle = useApp((s) => s.toggleFollowAuthor);
  const key = authorKey(q);
  if (!key) return null;
  const first = list.items[0] ? list.resolve(list.items[0]) : null;
  const name = first?.authors?.find((a) => authorKey(a) === key);
  if (!name) return null;
  const following = followed.some((a) => authorKey(a) === key);
  return (
    <p className="list-note follow-author-note">
      <button
        type="button"
        className="button"
        aria-pressed={following}
        onClick={() => toggle(name)}
        title={following ? `Stop following ${name}` : `Mark and count new papers by ${name}`}
      >
        {following ? '★' : '☆'} Follow {name}
      </button>
    </p>
  );
}
