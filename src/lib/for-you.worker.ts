/// <reference lib="webworker" />
/** The "For you" worker: trains and scores off the main thread (see for-you.ts). */
import { createRanker, type RankRequest } from './for-you';

const rank = createRanker();
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

self.onmessage = async (event: MessageEvent<{ id: number; request: RankRequest }>) => {
  const { id, request } = event.data;
  try {
    const result = await rank(request, tick);
    // A newer request superseded this one: it answers instead.
    if (result) self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
