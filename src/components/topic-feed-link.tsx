import { feedPath } from '../domain/feeds';
import { useTopicLabel } from './topic-labels';
import { FeedIcon } from './icons';

/** The Atom feed of one topic, as an icon link with an accessible name. */
export function TopicFeedLink({ topic }: { topic: string }) {
  const label = useTopicLabel()(topic);
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
