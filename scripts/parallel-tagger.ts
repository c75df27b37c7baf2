/**
 * Tagging a large ingest on two threads: the main thread tags papers in input order as it builds
 * them, and a worker (tag-worker.ts) tags them from the end; the main thread takes the worker's
 * taggings as they arrive (without waiting for them) and tags itself whatever has not arrived.
 * Tagging is a pure function of the cleaned text, so the result is the same as on one thread.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawPaper } from '../src/domain/formats/raw.ts';
import type { TopicModel } from '../src/domain/topic-model.ts';
import type { Tagger, Tagging } from '../src/domain/topics.ts';

export interface ParallelTagger {
  tag: Tagger;
  /** Ends the worker; returns how many papers it tagged that were used. */
  stop: () => number;
}

/**
 * `tag` (the main thread's tagger over `model`) with a worker tagging `raw` from the end, or
 * `tag` alone with one core or PAPERBOY_TAG_THREADS=1. If the worker cannot start or fails,
 * the main thread simply tags everything.
 */
export function parallelTagger(
  tag: Tagger,
  model: TopicModel | null,
  raw: readonly RawPaper[],
  /** Wait (at most a minute) for the worker to be ready before tagging: for tests. */
  waitForWorker = false,
): ParallelTagger {
  if (process.env.PAPERBOY_TAG_THREADS === '1' || availableParallelism() < 2)
    return { tag, stop: () => 0 };
  // [0]: papers the main thread has reached; [1]: 1 once the worker is ready to tag.
  const reached = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    // A path, not a URL: under jsdom (the tests) `URL` is jsdom's, which Worker refuses.
    worker = new Worker(join(dirname(fileURLToPath(import.meta.url)), 'tag-worker.mjs'), {
      workerData: {
        texts: raw.map((r) => [r.title, r.abstract]),
        reached,
        port: port2,
        model,
      },
      transferList: [port2],
    });
  } catch {
    port1.close();
    return { tag, stop: () => 0 };
  }
  // Its failures are not the ingest's: the main thread tags what it did not.
  worker.on('error', () => {});
  worker.unref();
  if (waitForWorker) Atomics.wait(reached, 1, 0, 60_000);
  const ahead = new Map<string, Tagging>();
  let done = false;
  let used = 0;
  let calls = 0;
  const drain = () => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
      const message = m.message as [string, Tagging][] | 'done';
      if (message === 'done') done = true;
      else for (const [key, tagging] of message) ahead.set(key, tagging);
    }
  };
  return {
    tag: (title, abstract) => {
      Atomics.store(reached, 0, ++calls);
      if (!done) drain();
      const key = `${title}\n${abstract}`;
      const tagging = ahead.get(key);
      if (!tagging) return tag(title, abstract);
      ahead.delete(key);
      used++;
      return tagging;
    },
    stop: () => {
      port1.close();
      void worker.terminate();
      return used;
    },
  };
}
