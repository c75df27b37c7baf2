/// <reference lib="webworker" />
import { Archive } from './archive';
import { DATA_BASE, loadDay } from './data';
import type { WorkerRequest, WorkerResponse } from './archive-client';

const archive = new Archive();
const post = (message: WorkerResponse) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);

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
    } else if (message.type === 'query') {
      post({
        type: 'result',
        id: message.id,
        result: await archive.query(message.query, message.context),
      });
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
