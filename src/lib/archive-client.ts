/**
 * Talks to the archive: through a Web Worker in the browser, in-process where there is none
 * (unit tests). The store only sees this interface.
 */
import type { FeedQuery } from '../domain/feed';
import type { Paper } from '../domain/schema';
import type { Archive, ArchiveQueryContext, ArchiveResult, LoadReport } from './archive';
import { DATA_BASE, loadDay } from './data';
import {
  resolveIndexed,
  unpackTable,
  type IdTable,
  type IndexedResult,
  type PackedTable,
} from './archive-result';

export type WorkerRequest =
  | { type: 'preload' }
  | { type: 'load'; id: number; dates: string[] }
  | { type: 'query'; id: number; query: FeedQuery; context: ArchiveQueryContext }
  | { type: 'papers'; id: number; ids: string[] };

export type WorkerResponse =
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'loaded'; id: number; report: LoadReport }
  | {
      type: 'result';
      id: number;
      result: IndexedResult;
      /** The result's id table, sent with the first result that points into it. */
      table?: PackedTable;
    }
  | { type: 'papers'; id: number; papers: Paper[] }
  /** An id table sent ahead of the results that point into it (the split index's, once open). */
  | { type: 'table'; name: string; table: PackedTable }
  | { type: 'error'; id: number; error: string };

export interface ArchiveClient {
  /** Opens the split search index ahead of All days; never the day files (see Archive.preload). */
  preload(): void;
  load(dates: string[], onProgress: (loaded: number, total: number) => void): Promise<LoadReport>;
  query(query: FeedQuery, context: ArchiveQueryContext): Promise<ArchiveResult>;
  papers(ids: string[]): Promise<Paper[]>;
}

/** An archive in this thread: used by tests, and where Worker is not available. */
export function createLocalArchiveClient(
  fetcher: typeof fetch = (...args) => fetch(...args),
): ArchiveClient {
  // Loaded on first use, so the search index code stays off the first screen.
  let archive: Promise<Archive> | null = null;
  const get = () => (archive ??= import('./archive').then((m) => new m.Archive()));
  const source = (dates: string[]) => ({
    dates,
    loadDay: (date: string) => loadDay(date, fetcher),
    fetchData: (path: string) => fetcher(`${DATA_BASE}/${path}`),
  });
  return {
    preload: () => void get().then((a) => a.preload(source([]))),
    load: async (dates, onProgress) => (await get()).load(source(dates), onProgress),
    query: async (query, context) => (await get()).query(query, context),
    papers: async (ids) => (await get()).get(ids),
  };
}

export function createWorkerArchiveClient(): ArchiveClient {
  const worker = new Worker(new URL('./archive.worker.ts', import.meta.url), { type: 'module' });
  let nextId = 1;
  let onProgress: ((loaded: number, total: number) => void) | null = null;
  // The id tables results point into, each sent once by the worker.
  const tables = new Map<string, IdTable>();
  const pending = new Map<
    number,
    { resolve: (value: never) => void; reject: (error: Error) => void }
  >();
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'progress') return onProgress?.(message.loaded, message.total);
    if (message.type === 'table') return void tables.set(message.name, unpackTable(message.table));
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.type === 'error') waiter.reject(new Error(message.error));
    else if (message.type === 'loaded') waiter.resolve(message.report as never);
    else if (message.type === 'result') {
      if (message.table) tables.set(message.result.table, unpackTable(message.table));
      const table = tables.get(message.result.table) ?? { ids: [], dates: [] };
      waiter.resolve(resolveIndexed(message.result, table) as never);
    } else waiter.resolve(message.papers as never);
  };
  worker.onerror = (event) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`The search worker failed: ${event.message || 'unknown error'}`));
    pending.clear();
  };
  const call = <T>(request: Exclude<WorkerRequest, { type: 'preload' }>) =>
    new Promise<T>((resolve, reject) => {
      pending.set(request.id, { resolve: resolve as (value: never) => void, reject });
      worker.postMessage(request);
    });
  let preloaded = false;
  return {
    preload: () => {
      if (preloaded) return;
      preloaded = true;
      worker.postMessage({ type: 'preload' } satisfies WorkerRequest);
    },
    load: (dates, progress) => {
      onProgress = progress;
      return call<LoadReport>({ type: 'load', id: nextId++, dates });
    },
    query: (query, context) => call<ArchiveResult>({ type: 'query', id: nextId++, query, context }),
    papers: (ids) => call<Paper[]>({ type: 'papers', id: nextId++, ids }),
  };
}

export function createArchiveClient(): ArchiveClient {
  return typeof Worker === 'undefined' ? createLocalArchiveClient() : createWorkerArchiveClient();
}
