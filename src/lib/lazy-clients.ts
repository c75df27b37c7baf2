/**
 * The search-archive and "For you" clients, loaded on their first use: the first screen shows a
 * day's papers and needs neither, so their code (and the workers they start) stays out of its
 * script. Every method call waits for the module once, then is the real client's (a failure to
 * load it is the call's failure).
 */
import type { ArchiveClient } from './archive-client';
import type { ForYouClient } from './for-you-client';

function lazy<T extends object>(load: () => Promise<T>): T {
  let client: Promise<T> | null = null;
  return new Proxy({} as T, {
    get:
      (_, method) =>
      (...args: unknown[]) =>
        (client ??= load()).then((c) =>
          (c[method as keyof T] as (...a: unknown[]) => unknown).apply(c, args),
        ),
  });
}

export const lazyArchiveClient = () =>
  lazy<ArchiveClient>(() => import('./archive-client').then((m) => m.createArchiveClient()));

export const lazyForYouClient = () =>
  lazy<ForYouClient>(() => import('./for-you-client').then((m) => m.createForYouClient()));
