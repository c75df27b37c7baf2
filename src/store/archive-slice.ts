import { dict, own } from '../domain/records';
import type { Paper } from '../domain/schema';
import type { ArchiveClient } from '../lib/archive-client';
import { FIRST_PAGE } from '../lib/archive-page';
import type { ArchiveSlice, Slice } from './types';

export const createArchiveSlice: Slice<ArchiveSlice> = (deps) => (set, get) => {
  let client: ArchiveClient | null = null;
  let loading: Promise<boolean> | null = null;
  let latestKey = '';
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

    queryArchive: async (key) => {
      latestKey = key;
      if (!(await get().ensureArchive()) || !client) return;
      const s = get();
      const result = await client.query(s.query, {
        read: s.query.hideRead ? Object.keys(s.read) : [],
        followed: s.followed,
        newSince: s.visits.lastSeenDay,
        ownTopics: s.ownTopics,
      });
      if (key !== latestKey) return;
      const archivePapers = dict(get().archivePapers);
      for (const p of result.first) archivePapers[p.id] = p;
      set({ archiveResult: { ...result, key }, archivePapers });
    },

    fetchArchivePapers: async (ids) => {
      const missing = ids.filter((id) => !own(get().archivePapers, id)).slice(0, FIRST_PAGE * 2);
      if (!missing.length || !client) return;
      const papers = await client.papers(missing);
      const archivePapers = dict(get().archivePapers);
      for (const p of papers) archivePapers[p.id] = p;
      set({ archivePapers });
    },
  };
};
