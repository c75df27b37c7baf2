import type { SearchDoc } from './search';
import type { Paper } from './schema';
import { topicLabel } from './topic-meta';

/** Extra searchable words of a paper beside title and abstract: its topic labels and authors. */
export const extraText = (p: Paper) =>
  `${p.topics.map(topicLabel).join(' ')} ${(p.authors ?? []).join(' ')}`;

/** The one way a paper becomes a search document, for the feed, Saved and the archive alike. */
export const searchDocument = (p: Paper): SearchDoc => ({
  id: p.id,
  title: p.title,
  abstract: p.abstract,
  extra: extraText(p),
});
