/**
 * The one store, built from slices. `makeStore` takes its dependencies so tests build a real
 * store with a fake fetch, an in-process archive and their own storage.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { persist } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { lazyArchiveClient, lazyForYouClient } from '../lib/lazy-clients';
import { createForYouSlice } from './for-you-slice';
import { createArchiveSlice } from './archive-slice';
import { createDatasetSlice } from './dataset-slice';
import { PERSONAL_VERSION, type PersonalState } from './personal';
import { createPersonalSlice } from './personal-slice';
import { STORAGE_KEY, createPersonalStorage, type NoticeDownload } from './storage';
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

export function makeStore(options: MakeStoreOptions = {}): AppStore {
  const deps: StoreDeps = {
    fetcher: options.fetcher ?? ((...args) => fetch(...args)),
    archive: options.archive ?? lazyArchiveClient,
    forYou: options.forYou ?? lazyForYouClient,
    now: options.now ?? Date.now,
  };
  // Storage problems found before the store exists are reported once it does.
  const early: [string, NoticeDownload | undefined][] = [];
  let api: AppStore | null = null;
  const report = (text: string, download?: NoticeDownload) => {
    if (api) api.getState().addNotice('warning', text, download);
    else early.push([text, download]);
  };
  const storage = createPersonalStorage(
    options.storage ?? (() => globalThis.localStorage ?? null),
    {
      onProblem: report,
      // Another tab's changes, merged with this tab's: the store shows them.
      onTake: (state) => api?.setState(personalOf(state)),
      now: deps.now,
    },
  );
  const created = createStore<AppState>()(
    persist<AppState, [], [], PersonalState>(
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
        // What the storage hands over is validated and merged with this tab's own changes.
        merge: (persisted, current) =>
          persisted ? { ...current, ...personalOf(persisted as PersonalState) } : current,
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
  for (const [text, download] of early) api.getState().addNotice('warning', text, download);
  // Another tab wrote: merge what it wrote into this tab's state (and write back what it lacked).
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
