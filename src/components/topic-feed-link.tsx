import { feedPath } from '../domain/feeds';
import { topicLabel } from '../domain/topic-meta';
import { FeedIcon } from './icons';

/** The Atom feed of one topic, as an icon link with an accessible name. */
export function TopicFeedLink({ topic }: { topic: string }) {
  const label = topicLabel(topic);
  return (
    <a
      className="feed-link"
      href={feedPath(topic)}
      type="application/atom+xml"
      aria-label={`Atom feed for ${label}`}
      title={`Atom feed: ${label}`}
    >
      <FeedIcon />
    </a>
  );
}
