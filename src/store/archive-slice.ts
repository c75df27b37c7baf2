import { dict, own } from '../domain/records';
import type { Paper } from '../domain/schema';
import type { ArchiveClient } from '../lib/archive-client';
import { FIRST_PAGE, FIRST_ROWS, TYPING_PAUSE_MS } from '../lib/archive-page';
import type { ArchiveSlice, DayState, Slice } from './types';

/** The days whose papers are in memory or on their way: their rows are never fetched apart. */
const loadedDays = (days: Record<string, DayState>) =>
  Object.keys(days).filter((date) => days[date]?.status !== 'error');

export const createArchiveSlice: Slice<ArchiveSlice> = (deps) => (set, get) => {
  let client: ArchiveClient | null = null;
  let loading: Promise<boolean> | null = null;
  let latestKey = '';
  // Papers for result rows, asked for while the reader types: fetched once typing pauses, so a
  // search does not download the rows of every intermediate result (from the split index, rows
  // are one file each; from the day files they are in memory and this costs nothing).
  let lastQueryAt = 0;
  let wanted = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  // One promise for the fetch being waited for, so every caller learns when its papers are in.
  let pending: { promise: Promise<void>; resolve: () => void } | null = null;
  const flush = async () => {
    timer = null;
    const done = pending;
    pending = null;
    const ids = [...wanted].filter((id) => !own(get().archivePapers, id)).slice(0, FIRST_PAGE * 2);
    wanted = new Set();
    try {
      if (!ids.length || !client) return;
      const papers = await client.papers(ids);
      const archivePapers = dict(get().archivePapers);
      for (const p of papers) archivePapers[p.id] = p;
      set({ archivePapers });
    } catch {
      /* offline or a file gone: the rows stay placeholders, the next search tries again */
    } finally {
      done?.resolve();
    }
  };
  const schedule = (): Promise<void> => {
    if (!pending) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      pending = { promise, resolve };
    }
    if (timer) clearTimeout(timer);
    // The first rows of a session are fetched at once: nothing is on screen yet to keep, and a
    // first search typed at once would otherwise wait out the pause for nothing.
    const first = Object.keys(get().archivePapers).length === 0;
    const wait = first ? 0 : Math.max(0, lastQueryAt + TYPING_PAUSE_MS - deps.now());
    timer = setTimeout(() => void flush(), wait);
    return pending.promise;
  };
  return {
    archiveStatus: 'idle',
    archiveProgress: { loaded: 0, total: 0 },
    archiveError: null,
    archiveResult: null,
    archivePapers: dict<Paper>(),

    ensureArchive: () => {
      const index = get().index;
      if (!index) return Promise.resolve(false);
      if (loading) return loading;
      client ??= deps.archive();
      const dates = index.days.map((d) => d.date);
      set({
        archiveStatus: 'loading',
        archiveProgress: { loaded: 0, total: dates.length },
        archiveError: null,
      });
      loading = client
        .load(dates, (loaded, total) => set({ archiveProgress: { loaded, total } }))
        .then((report) => {
          set({ archiveStatus: 'ready' });
          if (report.warnings.length)
            get().addNotice(
              'warning',
              report.warnings.length === 1
                ? report.warnings[0]!
                : `${report.warnings.length} day files could not be read in full; All days shows the rest. First: ${report.warnings[0]}`,
            );
          return true;
        })
        .catch((error: unknown) => {
          set({
            archiveStatus: 'error',
            archiveError: `Could not index all days: ${error instanceof Error ? error.message : String(error)}. Reload to try again.`,
          });
          loading = null;
          return false;
        });
      return loading;
    },

    preloadArchive: () => {
      if (get().archiveStatus !== 'idle') return;
      client ??= deps.archive();
      client.preload();
    },

    queryArchive: async (key) => {
      latestKey = key;
      lastQueryAt = deps.now();
      const ready = get().ensureArchive();
      if (!client) return;
      const s = get();
      // Asked at once, with the load, not after its answer: the worker answers once the index
      // is open, so a first search does not wait for a round trip through this thread (busy
      // rendering All days). A query superseded meanwhile is answered as such by the worker.
      const asked = client
        .query(s.query, {
          read: s.query.hideRead ? Object.keys(s.read) : [],
          followed: s.followed,
          authors: s.followedAuthors,
          newSince: s.visits.lastSeenDay,
          ownTopics: s.ownTopics,
          loadedDays: loadedDays(s.days),
        })
        .then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
      const [ok, answer] = await Promise.all([ready, asked]);
      // The load failed: its message stands (ensureArchive set it).
      if (!ok) return;
      if ('error' in answer) {
        const { error } = answer;
        if (key === latestKey)
          set({
            archiveStatus: 'error',
            archiveError: `Could not search all days: ${error instanceof Error ? error.message : String(error)}. Reload to try again.`,
          });
        return;
      }
      const { result } = answer;
      if (key !== latestKey || result.superseded) return;
      // Rows asked for by an earlier result are not wanted any more: the list (paper-list.tsx)
      // asks again for the rows of this one it shows, so typing does not gather the rows of
      // every result.
      wanted = new Set();
      const archivePapers = dict(get().archivePapers);
      for (const p of result.first) archivePapers[p.id] = p;
      set({ archiveResult: { ...result, key }, archivePapers });
      // The rows at the top are asked for now rather than once the list has laid them out (a
      // frame or more later on a busy page); the worker has usually begun fetching them. Not
      // those of a day the page holds (the list shows those from it).
      const have = new Set(loadedDays(get().days));
      const top = result.ids.slice(0, FIRST_ROWS).filter((_, i) => !have.has(result.dates[i]!));
      if (top.length) void get().fetchArchivePapers(top);
    },

    fetchArchivePapers: (ids) => {
      const missing = ids.filter((id) => !own(get().archivePapers, id));
      if (!missing.length || !client) return Promise.resolve();
      for (const id of missing) wanted.add(id);
      return schedule();
    },
  };
};
