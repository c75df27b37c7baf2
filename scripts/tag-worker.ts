/**
 * A second thread for tagging a large ingest (see parallel-tagger.ts): tags the input's papers
 * from the last one backwards, with the same model and the same cleaned text as the main
 * thread, and posts the taggings in batches, until it meets the papers the main thread has
 * reached.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { taggedText } from '../src/domain/dataset.ts';
import { modelTagger, type TopicModel } from '../src/domain/topic-model.ts';
import type { Tagging } from '../src/domain/topics.ts';

const { texts, reached, port, model } = workerData as {
  texts: [title: string, abstract: string][];
  /** [0]: how many papers the main thread has tagged (or is tagging); [1]: set when ready. */
  reached: Int32Array;
  port: MessagePort;
  model: TopicModel | null;
};
const BATCH = 40;
/** Papers left to the main thread ahead of where it is: it will be there before a batch is. */
const MARGIN = 2 * BATCH;

const tag = modelTagger(model);
Atomics.store(reached, 1, 1);
Atomics.notify(reached, 1);
let batch: [string, Tagging][] = [];
for (let i = texts.length - 1; i >= Atomics.load(reached, 0) + MARGIN; i--) {
  const { title, abstract } = taggedText({ title: texts[i]![0], abstract: texts[i]![1] });
  batch.push([`${title}\n${abstract}`, tag(title, abstract)]);
  if (batch.length === BATCH) {
    port.postMessage(batch);
    batch = [];
  }
}
if (batch.length) port.postMessage(batch);
port.postMessage('done');
parentPort?.close();
