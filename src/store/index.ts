/**
 * The one store, built from slices. `makeStore` takes its dependencies so tests build a real
 * store with a fake fetch, an in-process archive and their own storage.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { persist } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createArchiveClient } from '../lib/archive-client';
import { createForYouClient } from '../lib/for-you-client';
import { createForYouSlice } from './for-you-slice';
import { createArchiveSlice } from './archive-slice';
import { createDatasetSlice } from './dataset-slice';
import { PERSONAL_VERSION, mergeTabs, restorePersonal, type PersonalState } from './personal';
import { createPersonalSlice } from './personal-slice';
import { STORAGE_KEY, createSafeStorage } from './storage';
import type { AppState, StoreDeps } from './types';
import { createUiSlice } from './ui-slice';
import { createViewSlice } from './view-slice';
import { dict } from '../domain/records';
import { isOwnTopicId } from '../domain/topic-rules';

/** The store, with persist's rehydrate (a storage event from another tab calls it). */
export type AppStore = StoreApi<AppState> & { persist: { rehydrate: () => Promise<void> | void } };

export interface MakeStoreOptions extends Partial<StoreDeps> {
  storage?: () => Storage | null;
  /** Follow other tabs' writes through storage events (default true). */
  listen?: boolean;
}

const personalOf = (s: PersonalState): PersonalState => ({
  saved: s.saved,
  read: s.read,
  followed: s.followed,
  ownTopics: s.ownTopics,
  followedAuthors: s.followedAuthors,
  subscriptions: s.subscriptions,
  visits: s.visits,
  theme: s.theme,
  density: s.density,
});

/**
 * What storage holds: the personal state, and after a migration what it could not read, carried
 * from `migrate` to `merge` in the value itself (never written: `partialize` leaves it out).
 */
type Persisted = PersonalState & { problems?: string[] };

export function makeStore(options: MakeStoreOptions = {}): AppStore {
  const deps: StoreDeps = {
    fetcher: options.fetcher ?? ((...args) => fetch(...args)),
    archive: options.archive ?? createArchiveClient,
    forYou: options.forYou ?? createForYouClient,
    now: options.now ?? Date.now,
  };
  // Storage problems found before the store exists are reported once it does.
  const early: string[] = [];
  let api: AppStore | null = null;
  const report = (text: string) => {
    if (api) api.getState().addNotice('warning', text);
    else early.push(text);
  };
  const restore = (value: { state: unknown; version?: number }) =>
    restorePersonal(value.state, value.version ?? 0, deps.now).state;
  const storage = createSafeStorage<Persisted>(
    options.storage ?? (() => globalThis.localStorage ?? null),
    {
      onProblem: report,
      // Two tabs: this tab's change is merged into the other's, entry by entry.
      merge: (base, mine, theirs) => mergeTabs(restore(base), personalOf(mine), restore(theirs)),
      onMerged: (state) => api?.setState(personalOf(state)),
    },
  );
  const created = createStore<AppState>()(
    persist<AppState, [], [], Persisted>(
      (...a) => ({
        ...createDatasetSlice(deps)(...a),
        ...createViewSlice(deps)(...a),
        ...createPersonalSlice(deps)(...a),
        ...createArchiveSlice(deps)(...a),
        ...createUiSlice(deps)(...a),
        ...createForYouSlice(deps)(...a),
      }),
      {
        name: STORAGE_KEY,
        version: PERSONAL_VERSION,
        storage,
        partialize: personalOf,
        migrate: (persisted, version) => {
          const { state, problems } = restorePersonal(persisted, version, deps.now);
          return { ...state, problems };
        },
        merge: (persisted, current) => {
          const carried = (persisted as Partial<Persisted> | undefined)?.problems ?? [];
          const { state, problems } = restorePersonal(persisted, PERSONAL_VERSION, deps.now);
          const all = [...carried, ...problems];
          if (!all.length) return { ...current, ...state };
          const notice = {
            id: current.nextNoticeId,
            kind: 'warning' as const,
            text: `Some of your stored Paperboy data could not be read and was left out: ${all.join('; ')}. Everything else, including your saved papers, was kept.`,
          };
          return {
            ...current,
            ...state,
            notices: [...current.notices, notice],
            nextNoticeId: current.nextNoticeId + 1,
          };
        },
      },
    ),
  );
  api = created;
  // The reader's own topics changed (here, by an import or in another tab): the loaded days and
  // the papers fetched from the archive get them again, and filters on deleted ones go.
  created.subscribe((s, prev) => {
    if (s.ownTopics === prev.ownTopics) return;
    s.retagDays();
    created.setState({ archivePapers: dict() });
    const gone = s.query.topics.filter(
      (t) => isOwnTopicId(t) && !s.ownTopics.some((o) => o.id === t),
    );
    if (gone.length) s.setTopics(s.query.topics.filter((t) => !gone.includes(t)));
  });
  for (const text of early) api.getState().addNotice('warning', text);
  // Another tab wrote: take what it wrote (storage always holds the merge of every tab).
  if (options.listen !== false && typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key === STORAGE_KEY) void created.persist.rehydrate();
    });
  }
  return api;
}

export const StoreContext = createContext<AppStore | null>(null);

/** Reads the store through a selector; components re-render only when the selection changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store)
    throw new Error('useApp needs a <StoreContext.Provider>: wrap the app in it (see main.tsx).');
  return useStore(store, selector);
}

/** The store itself, for effects that read state without subscribing. */
export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a <StoreContext.Provider>.');
  return store;
}

export type { AppState };
