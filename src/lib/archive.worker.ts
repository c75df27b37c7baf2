/// <reference lib="webworker" />
import { Archive } from './archive';
import { DATA_BASE, loadDay } from './data';
import type { WorkerRequest, WorkerResponse } from './archive-client';
import { packTable } from './archive-result';

const archive = new Archive();
/** The id tables the page has been sent. */
const sent = new Set<string>();
const post = (message: WorkerResponse, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  try {
    if (message.type === 'load') {
      const report = await archive.load(
        {
          dates: message.dates,
          loadDay: (date) => loadDay(date, fetch, true),
          fetchData: (path) => fetch(`${DATA_BASE}/${path}`),
        },
        (loaded, total) => post({ type: 'progress', loaded, total }),
      );
      post({ type: 'loaded', id: message.id, report });
      // After the answer, while the reader moves to the search box.
      setTimeout(() => archive.warm(), 0);
    } else if (message.type === 'query') {
      const result = await archive.queryIndexed(message.query, message.context);
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
};
