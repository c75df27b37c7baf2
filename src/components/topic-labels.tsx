import { createContext, useContext } from 'react';
import { topicLabel } from '../domain/topic-meta';

/**
 * The label of a topic id: the built-in table's, a site topic's from the index, or one of the
 * reader's own. The app provides it from the store; without a provider, the built-in labels.
 */
export const TopicLabelContext = createContext<(id: string) => string>(topicLabel);

export const useTopicLabel = () => useContext(TopicLabelContext);
