import type { FeedQuery } from '../domain/feed';
import { DEFAULT_VIEW, parseLocation } from './url';
import type { AppState, HistoryMode, Slice, ViewSlice } from './types';

export const createViewSlice: Slice<ViewSlice> = () => (set, get) => {
  const setQuery = (patch: Partial<FeedQuery>, historyMode: HistoryMode = 'push') =>
    set((s) => ({ query: { ...s.query, ...patch }, historyMode, cursor: -1 }) as Partial<AppState>);
  return {
    ...DEFAULT_VIEW,
    historyMode: 'replace',
    applyLocation: (pathname, search) =>
      set({ ...parseLocation(pathname, search), historyMode: 'replace' }),
    // Typing replaces the history entry, so Back leaves the search instead of undoing letters;
    // the first letter of a new search pushes one entry to come back to.
    setQueryText: (q) => {
      // Searching from a paper or the subscribe page goes back to the list being searched.
      const page = get().page.name;
      if (page === 'paper' || page === 'subscribe' || page === 'notfound')
        set({ page: { name: 'feed' } });
      setQuery({ q }, get().query.q ? 'replace' : 'push');
      // A first search is the moment to start indexing every day in the background, so
      // "Search all days" is ready, or nearly, when the reader asks for it.
      if (q.trim() && get().archiveStatus === 'idle') void get().ensureArchive();
    },
    toggleTopic: (id) => {
      const topics = get().query.topics;
      setQuery({ topics: topics.includes(id) ? topics.filter((t) => t !== id) : [...topics, id] });
    },
    setTopics: (topics) => setQuery({ topics }),
    setTopicMode: (topicMode) => setQuery({ topicMode }),
    setFlag: (flag, value) => setQuery({ [flag]: value }),
    setSort: (sort) => setQuery(sort === 'foryou' ? { sort } : { sort, like: '' }),
    setLike: (like) => setQuery({ like }),
    setDate: (date) => set({ date, historyMode: 'push', cursor: -1, page: { name: 'feed' } }),
    setView: (view) => set({ view, historyMode: 'push', cursor: -1 }),
    setScope: (scope) => set({ scope, historyMode: 'push', cursor: -1 }),
    setCollection: (collection) => set({ collection, historyMode: 'push', cursor: -1 }),
    clearFilters: () =>
      setQuery({ topics: [], topicMode: 'any', hasCode: false, hideRead: false, onlyNew: false }),
    clearQuery: () => setQuery({ q: '' }),
    goTo: (page) => {
      if (page.name === 'feed' || page.name === 'saved')
        set({ page, historyMode: 'push', cursor: -1 });
      else set({ page, historyMode: 'push' });
    },
  };
};
