/// <reference lib="webworker" />
import { Archive } from './archive';
import { DATA_BASE, loadDay } from './data';
import type { WorkerRequest, WorkerResponse } from './archive-client';
import { packTable } from './archive-result';

const archive = new Archive();
/** A fetch that yields to the page's own requests (Chromium's fetch priority; others ignore it). */
const lowFetch = (path: string) =>
  fetch(`${DATA_BASE}/${path}`, { priority: 'low' } as RequestInit & { priority: string });
/** The id tables the page has been sent. */
const sent = new Set<string>();
const post = (message: WorkerResponse, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);

const source = (dates: string[]) => ({
  dates,
  loadDay: (date: string) => loadDay(date, fetch, true),
  fetchData: (path: string) => fetch(`${DATA_BASE}/${path}`),
});
/**
 * Builds the typo index, then the map of every id, once nobody waits: when no request has come
 * for WARM_AFTER_MS after a preload or a query's answer, one step at a time. Not at once: a
 * first search typed as All days opens would wait behind it (a word that needs the typo index
 * before then builds it itself, a row looked up by id the map).
 */
const WARM_AFTER_MS = 250;
let warmed = false;
let warmTimer: ReturnType<typeof setTimeout> | null = null;
const warm = () => {
  if (warmed) return;
  if (warmTimer) clearTimeout(warmTimer);
  warmTimer = setTimeout(() => {
    warmTimer = null;
    const step = archive.warm();
    warmed = step === 'done';
    if (step === 'more') warm();
  }, WARM_AFTER_MS);
};

/**
 * Sends the split index's id table as soon as the index is open, ahead of any result: the page
 * reads it (200,000 ids at the largest) while this thread fetches a first search's shards, not
 * after that search's answer, when the reader waits for it.
 */
const sendTable = () => {
  const shards = archive.packedShardTable();
  if (!shards || sent.has(shards.name)) return;
  sent.add(shards.name);
  post({ type: 'table', ...shards });
};

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  // A request came: the typo index waits for the next quiet spell.
  if (warmTimer) clearTimeout(warmTimer);
  warmTimer = null;
  if (message.type === 'preload') {
    // Fetch at low priority (the first screen's requests come first), then parse here.
    await archive.preload({ ...source([]), fetchData: (path) => lowFetch(path) });
    sendTable();
    warm();
    return;
  }
  try {
    if (message.type === 'load') {
      const report = await archive.load(source(message.dates), (loaded, total) =>
        post({ type: 'progress', loaded, total }),
      );
      sendTable();
      post({ type: 'loaded', id: message.id, report });
    } else if (message.type === 'query') {
      const result = await archive.queryIndexed(message.query, message.context);
      // The split index's table goes by sendTable alone (as fetched); a days table with its result.
      sendTable();
      const table =
        result.table && !sent.has(result.table) ? packTable(archive.table(result.table)) : null;
      if (table) sent.add(result.table);
      // The positions are moved, not copied; each id table goes over once.
      post({ type: 'result', id: message.id, result, ...(table ? { table } : {}) }, [
        result.indexes.buffer,
      ]);
    } else if (message.type === 'papers') {
      post({ type: 'papers', id: message.id, papers: await archive.get(message.ids) });
    }
  } catch (error) {
    post({
      type: 'error',
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  warm();
};
