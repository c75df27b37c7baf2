import type { Paper } from './schema';
import { topicLabel } from './topic-meta';

/** Extra searchable words of a paper beside title and abstract: its topic labels and authors. */
export const extraText = (p: Paper) =>
  `${p.topics.map(topicLabel).join(' ')} ${(p.authors ?? []).join(' ')}`;
