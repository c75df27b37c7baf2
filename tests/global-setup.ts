/**
 * Trains the learned topic tagger once, before any test file runs, so no test pays the 40 s
 * of training inside its timeout and two workers never train it at once. Without
 * ../shared/corpus it does nothing: ingest then tags by the written rules alone.
 */
import { loadTopicModel } from '../scripts/topic-model.ts';

export default function setup(): void {
  const { note } = loadTopicModel(undefined, (what) => console.log(`paperboy tests: ${what}`));
  console.log(`paperboy tests: ${note}`);
}
