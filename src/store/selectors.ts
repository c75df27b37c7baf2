/**
 * Named selectors: each reads the little a component needs, so a change elsewhere (a Save
 * click, a day arriving) does not re-render it. Selectors that take an id are made once per id
 * by the caller (`useApp(selectPaperState(id))` re-creates a cheap function; its result is
 * compared shallowly).
 */
import type { SimilarRef } from '../domain/schema';
import { isSiteTopicId } from '../domain/topic-rules';
import type { AppState } from './types';

const has = (record: object, id: string) => Object.hasOwn(record, id);

/** The reader's marks on one paper. */
export interface PaperState {
  saved: boolean;
  note: string | undefined;
  read: boolean;
}

export const selectPaperState =
  (id: string) =>
  (s: AppState): PaperState => ({
    saved: has(s.saved, id),
    note: has(s.saved, id) ? s.saved[id]!.note : undefined,
    read: has(s.read, id),
  });

export const selectSavedCount = (s: AppState) => Object.keys(s.saved).length;

/** What a list's links and counts depend on: the query and where the reader is. */
export const selectListPlace = (s: AppState) => ({
  query: s.query,
  date: s.date,
  view: s.view,
  scope: s.scope,
});

/** What "new since your last visit" depends on. */
export const selectNewContext = (s: AppState) => ({
  newSince: s.visits.lastSeenDay,
  followed: s.followed,
  authors: s.followedAuthors,
});

/** The actions a list of papers offers; functions of the store, so never a reason to re-render. */
export const selectPaperActions = (s: AppState) => ({
  toggleSaved: s.toggleSaved,
  toggleRead: s.toggleRead,
  markRead: s.markRead,
});

/** Cards or compact rows. */
export const selectDensity = (s: AppState) => s.density;

export const selectSetDensity = (s: AppState) => s.setDensity;

/** A paper's similar papers: undefined while its day's lists load, [] when it has none. */
export const selectSimilar =
  (id: string, date: string) =>
  (s: AppState): SimilarRef[] | undefined => {
    const day = has(s.similar, date) ? s.similar[date]! : undefined;
    if (!day || day.status === 'loading') return undefined;
    return has(day.lists, id) ? day.lists[id]! : EMPTY;
  };
const EMPTY: SimilarRef[] = [];

/** A topic the reader can filter by: built in, the site's, or their own. */
export interface TopicEntry {
  id: string;
  label: string;
  kind: 'built-in' | 'site' | 'own';
}

let topicsMemo: {
  index: AppState['index'];
  own: AppState['ownTopics'];
  list: TopicEntry[];
} | null = null;

/**
 * Every topic, in the order the filters list them: the index's (built-in, then the site's),
 * then the reader's own. The same array until the index or the reader's topics change.
 */
export const selectTopics = (s: AppState): TopicEntry[] => {
  if (topicsMemo?.index === s.index && topicsMemo.own === s.ownTopics) return topicsMemo.list;
  const list: TopicEntry[] = [
    ...(s.index?.topics ?? []).map((t) => ({
      id: t.id,
      label: t.label,
      kind: isSiteTopicId(t.id) ? ('site' as const) : ('built-in' as const),
    })),
    ...s.ownTopics.map((t) => ({ id: t.id, label: t.label, kind: 'own' as const })),
  ];
  topicsMemo = { index: s.index, own: s.ownTopics, list };
  return list;
};
