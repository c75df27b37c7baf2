/**
 * The learned topic tagger's training and cache (issue 22). The model (src/domain/topic-model.ts)
 * is trained from the read labels (tests/topics/corpus-labels.json: train and dev splits, its
 * thresholds chosen by cross-validation; the frozen test split is never trained or tuned on) and the papers' text in ../shared/corpus, read
 * at run time. Its weights are made from the corpus, so they are not kept in the repository: the
 * first ingest (or `npm run train:topics`) trains it in about 40 s and keeps it in
 * .cache/topic-model.json, retrained whenever the labels, the corpus or the trainer change. Without
 * ../shared/corpus, ingest tags by the written rules alone and says so.
 *
 * npm run train:topics          trains (if stale) and prints the dev figures
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPaper } from '../src/domain/dataset.ts';
import { fnv1a } from '../src/domain/text.ts';
import {
  type Example,
  type TopicModel,
  type TrainOptions,
  topicFeatures,
  trainTopicModel,
  validateModel,
  MODEL_VERSION,
} from '../src/domain/topic-model.ts';
import type { TopicId } from '../src/domain/topic-meta.ts';
import { tagTopics } from '../src/domain/topics.ts';
import { CORPUS_DIR, CORPUS_FILES, readCorpus, type CorpusPaper } from './topic-labels.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LABEL_FILES = [
  join(ROOT, 'tests/topics/corpus-labels.json'),
  join(ROOT, 'tests/topics/corpus-labels-test.json'),
  // The third draw: random papers and hard cases of the thin classes, never of the test split.
  join(ROOT, 'tests/topics/corpus-labels-3.json'),
  // The fourth: the borders of robotics, audio, retrieval and sparsity (scripts/topic-draw.ts).
  join(ROOT, 'tests/topics/corpus-labels-4.json'),
  // The fifth: sparsity without its word, search that may be retrieval, papers with sound.
  join(ROOT, 'tests/topics/corpus-labels-5.json'),
  // The sixth: the same borders again, each class's negatives drawn as often as its positives.
  join(ROOT, 'tests/topics/corpus-labels-6.json'),
  join(ROOT, 'tests/topics/seed-labels.json'),
];
/**
 * The embedded seed day, whose 63 papers are labelled too (tests/topics/seed-labels.json, all in
 * train): the shared corpus is Hugging Face's daily papers, mostly LLM and vision, and holds few
 * papers like the seed's (sparse regression, dictionary learning, sparse bandits, statistics),
 * on which a model learned from it alone took sparsity away and gave LLM to theory papers.
 */
export const SEED_DAY_FILE = join(ROOT, 'data/days/2025-09-19.json');

/** The seed day's papers by id (their text only; the topics in the file are not read). */
export function readSeedPapers(file = SEED_DAY_FILE): Map<string, CorpusPaper> {
  const day = JSON.parse(readFileSync(file, 'utf8')) as { papers?: CorpusPaper[] };
  return new Map(
    (day.papers ?? []).map((p) => [p.id, { id: p.id, title: p.title, abstract: p.abstract }]),
  );
}
export const MODEL_CACHE = join(ROOT, '.cache/topic-model.json');
/** Bumped whenever the features, the training or its options change. */
const TRAINER = `trainer-8/model-${MODEL_VERSION}`;

export interface ReadLabel {
  id: string;
  topics: TopicId[];
  split: 'train' | 'dev' | 'test';
  why: string;
}

export function readLabelFiles(files = LABEL_FILES): ReadLabel[] {
  return files.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')) as ReadLabel[]);
}

export function corpusPresent(dir = CORPUS_DIR): boolean {
  return CORPUS_FILES.every((f) => existsSync(join(dir, f)));
}

/** What a model is trained from: the trainer, the labels and the corpus files' sizes and times. */
export function sourceKey(dir = CORPUS_DIR, files = LABEL_FILES): string {
  const parts = [TRAINER, ...files.map((f) => readFileSync(f, 'utf8'))];
  for (const f of CORPUS_FILES) {
    const s = statSync(join(dir, f));
    parts.push(`${f}:${s.size}:${Math.round(s.mtimeMs)}`);
  }
  return fnv1a(parts.join('\n')).toString(36);
}

/** A corpus paper as ingest sees it (cleaned by buildPaper), with the rules' verdict. */
export function exampleOf(paper: CorpusPaper, topics: readonly string[]): Example {
  const built = buildPaper({
    title: paper.title,
    abstract: paper.abstract,
    date: '2000-01-01',
    line: 0,
  });
  const rules = tagTopics(built.title, built.abstract).topics;
  return {
    id: paper.id,
    features: topicFeatures(built.title, built.abstract, rules),
    rules,
    topics,
  };
}

export interface Trained {
  model: TopicModel;
  examples: Map<string, Example>;
  labels: ReadLabel[];
}

/**
 * Trains on the given splits (train and dev for ingest; train alone to measure on dev), its
 * thresholds chosen by cross-validation over the same papers; test is never used.
 */
export function trainFromLabels(
  corpus = readCorpus(),
  splits: readonly ReadLabel['split'][] = ['train', 'dev'],
  options: TrainOptions = {},
): Trained {
  if (splits.includes('test')) throw new Error('the test split is never trained on');
  const labels = readLabelFiles();
  const seed = readSeedPapers();
  const examples = new Map<string, Example>();
  for (const l of labels) {
    const paper = corpus.get(l.id) ?? seed.get(l.id);
    if (!paper)
      throw new Error(
        `${l.id} is labelled but neither in ../shared/corpus nor in the seed day: is it the right corpus?`,
      );
    examples.set(l.id, exampleOf(paper, l.topics));
  }
  const model = trainTopicModel(
    labels.filter((l) => splits.includes(l.split)).map((l) => examples.get(l.id)!),
    sourceKey(),
    options,
  );
  return { model, examples, labels };
}

export interface LoadedModel {
  model: TopicModel | null;
  /** What happened, for the ingest's log: trained, read from the cache, or why there is none. */
  note: string;
}

/**
 * The model ingest tags with: the cached one if it was trained from today's labels and corpus,
 * else trained now and cached; null (the rules alone) without the corpus or when
 * PAPERBOY_TOPIC_MODEL=off.
 */
export function loadTopicModel(
  cache = MODEL_CACHE,
  onTrain: (what: string) => void = () => {},
): LoadedModel {
  if (process.env.PAPERBOY_TOPIC_MODEL === 'off')
    return { model: null, note: 'topics by the written rules (PAPERBOY_TOPIC_MODEL=off)' };
  if (!corpusPresent())
    return {
      model: null,
      note: `topics by the written rules alone: the learned tagger trains from ../shared/corpus, which is not here (${CORPUS_DIR})`,
    };
  const key = sourceKey();
  if (existsSync(cache)) {
    try {
      const read = validateModel(JSON.parse(readFileSync(cache, 'utf8')));
      if (read.ok && read.model.source === key)
        return { model: read.model, note: 'topics by the learned tagger (cached)' };
    } catch {
      // An unreadable cache is retrained below.
    }
  }
  onTrain(
    'training the topic tagger from the read labels and ../shared/corpus (about 40 s, once; kept in .cache/)…',
  );
  const started = performance.now();
  const { model } = trainFromLabels();
  mkdirSync(dirname(cache), { recursive: true });
  const tmp = `${cache}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(model));
  renameSync(tmp, cache);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return {
    model,
    note: `topics by the learned tagger, trained on ${model.trainedOn} read papers in ${seconds} s (kept in ${cache})`,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { model, note } = loadTopicModel(MODEL_CACHE, (what) => console.log(what));
  console.log(note);
  if (model)
    for (const t of model.topics)
      console.log(
        `  ${t.id.padEnd(24)} ${t.combine.padEnd(7)} threshold ${t.threshold.toFixed(3)}  ${Object.keys(t.weights).length} weights`,
      );
}
