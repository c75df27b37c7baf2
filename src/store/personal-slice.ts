import {
  COLLECTIONS_PER_PAPER,
  EMPTY_PERSONAL,
  FOLLOWED_AUTHORS_MAX,
  NOTE_MAX,
  authorKey,
  collectionName,
  type PersonalState,
  type SavedEntry,
} from './personal';
import { dict, own } from '../domain/records';
import type { PersonalSlice, Slice } from './types';

export const createPersonalSlice: Slice<PersonalSlice> = (deps) => (set, get) => ({
  ...structuredClone(EMPTY_PERSONAL),

  toggleSaved: ({ id, date, title }) =>
    set((s) => {
      const saved = dict(s.saved);
      if (own(saved, id)) delete saved[id];
      else saved[id] = { date, title, savedAt: deps.now() };
      return { saved };
    }),

  markRead: ({ id, date }) => {
    if (own(get().read, id)) return;
    set((s) => ({ read: dict({ ...s.read, [id]: { date, at: deps.now() } }) }));
  },

  toggleRead: ({ id, date }) =>
    set((s) => {
      const read = dict(s.read);
      if (own(read, id)) delete read[id];
      else read[id] = { date, at: deps.now() };
      return { read };
    }),

  markAllRead: (papers) => {
    const read = dict(get().read);
    const marked: string[] = [];
    const at = deps.now();
    for (const { id, date } of papers)
      if (!own(read, id)) {
        read[id] = { date, at };
        marked.push(id);
      }
    if (marked.length) set({ read });
    return marked;
  },

  unmarkRead: (ids) =>
    set((s) => {
      const read = dict(s.read);
      for (const id of ids) delete read[id];
      return { read };
    }),

  setNote: (id, note) =>
    set((s) => {
      const entry = own(s.saved, id);
      if (!entry) return {};
      const text = note.slice(0, NOTE_MAX);
      const next: SavedEntry = { ...entry, note: text };
      if (!text.trim()) delete next.note;
      return { saved: dict({ ...s.saved, [id]: next }) };
    }),

  toggleFollow: (topic) =>
    set((s) => ({
      followed: s.followed.includes(topic)
        ? s.followed.filter((t) => t !== topic)
        : [...s.followed, topic],
    })),

  toggleFollowAuthor: (name) =>
    set((s) => {
      const key = authorKey(name);
      if (s.followedAuthors.some((a) => authorKey(a) === key))
        return { followedAuthors: s.followedAuthors.filter((a) => authorKey(a) !== key) };
      if (s.followedAuthors.length >= FOLLOWED_AUTHORS_MAX) return {};
      return { followedAuthors: [...s.followedAuthors, name.replace(/\s+/g, ' ').trim()] };
    }),

  setCollections: (id, names) =>
    set((s) => {
      const entry = own(s.saved, id);
      if (!entry) return {};
      const clean = [...new Set(names.map(collectionName).filter(Boolean))].slice(
        0,
        COLLECTIONS_PER_PAPER,
      );
      const next: SavedEntry = { ...entry, collections: clean };
      if (!clean.length) delete next.collections;
      return { saved: dict({ ...s.saved, [id]: next }) };
    }),

  renameCollection: (from, to) =>
    set((s) => ({
      saved: mapCollections(s.saved, (names) =>
        names.map((n) => (n === from ? collectionName(to) : n)),
      ),
      // The Saved page showing the collection follows it to its new name.
      collection: s.collection === from ? collectionName(to) : s.collection,
    })),

  deleteCollection: (name) =>
    set((s) => ({
      saved: mapCollections(s.saved, (names) => names.filter((n) => n !== name)),
      collection: s.collection === name ? null : s.collection,
    })),

  saveOwnTopic: (topic) =>
    set((s) => ({
      ownTopics: s.ownTopics.some((t) => t.id === topic.id)
        ? s.ownTopics.map((t) => (t.id === topic.id ? topic : t))
        : [...s.ownTopics, topic],
    })),

  removeOwnTopic: (id) =>
    set((s) => ({
      ownTopics: s.ownTopics.filter((t) => t.id !== id),
      followed: s.followed.filter((t) => t !== id),
      query: s.query.topics.includes(id)
        ? { ...s.query, topics: s.query.topics.filter((t) => t !== id) }
        : s.query,
    })),

  addSubscription: (subscription) =>
    set((s) => ({
      subscriptions: [
        ...s.subscriptions.filter(
          (x) => x.email.toLowerCase() !== subscription.email.toLowerCase(),
        ),
        subscription,
      ],
    })),

  removeSubscription: (createdAt) =>
    set((s) => ({ subscriptions: s.subscriptions.filter((x) => x.createdAt !== createdAt) })),

  setTheme: (theme) => set({ theme }),

  setDensity: (density) => set({ density }),

  recordVisit: (newestDay, now = deps.now()) =>
    set((s) => {
      const v = s.visits;
      // First visit: nothing is "new" yet. Later, when the dataset has a day the reader had not
      // seen, what they had seen becomes the mark that new papers are counted from.
      if (v.currentDay === null)
        return {
          visits: {
            lastSeenDay: null,
            lastVisitAt: null,
            currentDay: newestDay,
            currentVisitAt: now,
          },
        };
      if (newestDay > v.currentDay)
        return {
          visits: {
            lastSeenDay: v.currentDay,
            lastVisitAt: v.currentVisitAt,
            currentDay: newestDay,
            currentVisitAt: now,
          },
        };
      return { visits: { ...v, currentVisitAt: now } };
    }),

  // The merge's code (transfer.ts) loads with the first import, not with the first screen.
  mergePersonal: async (incoming: PersonalState) => {
    const { mergeImport } = await import('./transfer');
    const { state, added } = mergeImport(get(), incoming);
    set(state);
    return added;
  },
});

/** The saved entries with `change` applied to each one's collections (entries without any kept). */
function mapCollections(
  saved: Record<string, SavedEntry>,
  change: (names: string[]) => string[],
): Record<string, SavedEntry> {
  const out = dict(saved);
  for (const [id, entry] of Object.entries(saved)) {
    if (!entry.collections) continue;
    const names = [...new Set(change(entry.collections))];
    const next: SavedEntry = { ...entry, collections: names };
    if (!names.length) delete next.collections;
    out[id] = next;
  }
  return out;
}
