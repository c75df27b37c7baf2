/**
 * Talks to the "For you" ranker: a Web Worker in the browser, in-process where there is none
 * (unit tests). Only the newest request is answered; older ones resolve to null.
 */
import type { RankRequest, RankResult } from './for-you';

export type { RankRequest, RankResult };

export interface ForYouClient {
  rank(request: RankRequest): Promise<RankResult | null>;
}

export function createForYouClient(): ForYouClient {
  if (typeof Worker === 'undefined') {
    const ranker = import('./for-you').then((m) => m.createRanker());
    const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    return { rank: async (request) => (await ranker)(request, tick) };
  }
  const worker = new Worker(new URL('./for-you.worker.ts', import.meta.url), { type: 'module' });
  let nextId = 0;
  let waiting: {
    id: number;
    resolve: (r: RankResult | null) => void;
    reject: (e: Error) => void;
  } | null = null;
  worker.onmessage = (event: MessageEvent<{ id: number; result?: RankResult; error?: string }>) => {
    const { id, result, error } = event.data;
    if (!waiting || waiting.id !== id) return;
    const w = waiting;
    waiting = null;
    if (error) w.reject(new Error(error));
    else w.resolve(result ?? null);
  };
  return {
    rank: (request) =>
      new Promise((resolve, reject) => {
        waiting?.resolve(null);
        waiting = { id: ++nextId, resolve, reject };
        worker.postMessage({ id: nextId, request });
      }),
  };
}
