/**
 * The search-archive and "For you" clients, loaded on their first use: the first screen shows a
 * day's papers and needs neither, so their code (and the workers they start) stays out of its
 * script. Each call waits for the module once; the clients behave exactly as the real ones.
 */
import type { ArchiveClient } from './archive-client';
import type { ForYouClient } from './for-you-client';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}

export function lazyArchiveClient(): ArchiveClient {
  const get = once(() => import('./archive-client').then((m) => m.createArchiveClient()));
  return {
    preload: () => void get().then((c) => c.preload()),
    load: async (dates, onProgress) => (await get()).load(dates, onProgress),
    query: async (query, context) => (await get()).query(query, context),
    papers: async (ids) => (await get()).papers(ids),
  };
}

export function lazyForYouClient(): ForYouClient {
  const get = once(() => import('./for-you-client').then((m) => m.createForYouClient()));
  return { rank: async (request) => (await get()).rank(request) };
}
