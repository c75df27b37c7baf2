/**
 * The learned topic tagger (issue 22): one logistic regression per built-in topic over the words
 * and word pairs of title and abstract and the rule tagger's own verdict, trained on papers read
 * and labelled against docs/topics.md. For each topic the model is combined with the written rules
 * the way that did best on the dev split: the model alone, the rules alone (a topic with too few
 * labelled papers to learn from), either of them, or both.
 *
 * Pure: training takes feature lists and labels, applying takes a title, an abstract and the rules'
 * tagging. Reading the labels and the corpus, and caching the trained model, is the ingest CLI's
 * job (scripts/topic-model.ts).
 */
import * as z from 'zod/mini';
import type { Evidence } from './schema';
import { STOP_WORDS, tokenize } from './tokenize';
import { tagTopics, type Tagger, type Tagging } from './topics';
import { TOPIC_IDS, type TopicId } from './topic-meta';

export const MODEL_VERSION = 1;

export const COMBINATIONS = ['model', 'rules', 'either', 'both'] as const;
export type Combination = (typeof COMBINATIONS)[number];

const topicModelSchema = z.object({
  id: z.enum(TOPIC_IDS),
  bias: z.number(),
  threshold: z.number(),
  combine: z.enum(COMBINATIONS),
  weights: z.record(z.string(), z.number()),
});

export const modelSchema = z.object({
  version: z.literal(MODEL_VERSION),
  /** What the model was trained from (a hash of the trainer, the labels and the corpus). */
  source: z.string(),
  trainedOn: z.int(),
  topics: z.array(topicModelSchema),
});

export type TopicModel = z.infer<typeof modelSchema>;
export type TopicModelTopic = z.infer<typeof topicModelSchema>;

/** A model file read back: the model, or why it cannot be used. */
export function validateModel(
  value: unknown,
): { ok: true; model: TopicModel } | { ok: false; problem: string } {
  const parsed = modelSchema.safeParse(value);
  if (parsed.success) return { ok: true, model: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || 'the file'}: ${issue?.message}` };
}

function contentWords(text: string): string[] {
  return tokenize(text).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

/**
 * A paper's features: title words (t:), abstract words (a:), either (w:), word pairs of each (b:)
 * and the topics the rules gave it (r:).
 */
export function topicFeatures(title: string, abstract: string, rules: readonly string[]): string[] {
  const out = new Set<string>();
  const add = (prefix: string, words: readonly string[]) => {
    for (const w of words) {
      out.add(`${prefix}${w}`);
      out.add(`w:${w}`);
    }
    for (let i = 0; i + 1 < words.length; i++) out.add(`b:${words[i]}_${words[i + 1]}`);
  };
  add('t:', contentWords(title));
  add('a:', contentWords(abstract));
  for (const r of rules) out.add(`r:${r}`);
  return [...out];
}

export interface Example {
  id: string;
  features: readonly string[];
  /** The topics the rules gave the paper. */
  rules: readonly string[];
  /** The topics a reader gave it. */
  topics: readonly string[];
}

export interface TrainOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
  /** Topics with fewer labelled training papers than this keep the rules alone. */
  minPositives?: number;
  /** Positives a topic needs before its threshold and combination are chosen. */
  minDevPositives?: number;
  /** Folds of the cross-validation that chooses them. */
  folds?: number;
  /** The F-measure's beta for that choice: under 1 weighs precision more than recall. */
  beta?: number;
  /** A beta for some topics instead of `beta` (chosen on the dev split, see docs/topics.md). */
  betaFor?: Partial<Record<TopicId, number>>;
  /** Weights smaller than this (in absolute value) are dropped from the saved model. */
  minWeight?: number;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function fBeta({ tp, fp, fn }: Counts, beta: number): number {
  const b2 = beta * beta;
  return tp ? ((1 + b2) * tp) / ((1 + b2) * tp + b2 * fn + fp) : 0;
}

/** L2-regularised logistic regression by stochastic gradient descent over interned features. */
function fit(
  xs: readonly Int32Array[],
  ys: readonly boolean[],
  size: number,
  { epochs, rate, l2 }: Required<Pick<TrainOptions, 'epochs' | 'rate' | 'l2'>>,
): { weights: Float64Array; bias: number } {
  const weights = new Float64Array(size);
  let bias = 0;
  const pos = ys.filter(Boolean).length;
  // Positives weighted up, to at most half the mass, so rare topics are learned at all.
  const wPos = pos ? Math.min(5, Math.max(1, (ys.length - pos) / pos / 2)) : 1;
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      let z = bias;
      for (const f of x) z += weights[f]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - (ys[i] ? 1 : 0)) * (ys[i] ? wPos : 1);
      const step = rate / Math.sqrt(x.length + 1);
      bias -= rate * g * 0.1;
      for (const f of x) weights[f] = weights[f]! - step * (g + l2 * weights[f]!);
    }
  }
  return { weights, bias };
}

function decide(combine: Combination, model: boolean, rules: boolean): boolean {
  if (combine === 'model') return model;
  if (combine === 'rules') return rules;
  if (combine === 'either') return model || rules;
  return model && rules;
}

/**
 * Trains one model per topic on `examples`, and chooses each topic's threshold and combination with
 * the rules by F-beta over out-of-fold predictions (k-fold cross-validation over the same
 * examples, folds by position), so every example is both learned from and tuned on without a
 * paper ever scoring a model that saw it. A topic with too few positives keeps the rules alone.
 */
export function trainTopicModel(
  examples: readonly Example[],
  source: string,
  options: TrainOptions = {},
): TopicModel {
  const {
    epochs = 60,
    rate = 0.3,
    l2 = 1e-4,
    minPositives = 8,
    minDevPositives = 5,
    beta = 0.7,
    // Sparsity's recall lagged its precision: on the dev split (a model trained on train alone)
    // beta 0.9 finds one more sparsity paper than 0.7 with no more false ones (P 0.87, R 0.77);
    // 1.0 gave R 0.84 at P 0.80, below the 0.85 the topic must keep. The test split was not read.
    // With the fourth draw's labels, dev (597 papers) put compression at P 0.71 and
    // interpretability at P 0.57, under the 0.80 a topic must keep: beta 0.6 and 0.5 give 0.86
    // (R 0.63) and 0.81 (R 0.62) there, every other topic unchanged. With the fifth draw's
    // (dev 728 papers), robotics at P 0.79 and interpretability at 0.71 fell under it again:
    // beta 0.5 and 0.4 give 0.85 (R 0.72) and 0.82 (R 0.61); sparsity did not move between beta
    // 0.9 and 1.1 (P 0.85, R 0.78).
    betaFor = { sparsity: 0.9, compression: 0.6, interpretability: 0.4, robotics: 0.5 },
    folds = 5,
    minWeight = 0.02,
  } = options;
  const ids = new Map<string, number>();
  const xs = examples.map((e) => {
    const out = new Int32Array(e.features.length);
    e.features.forEach((f, i) => {
      let id = ids.get(f);
      if (id === undefined) ids.set(f, (id = ids.size));
      out[i] = id;
    });
    return out;
  });
  const names = [...ids.keys()];
  const probability = (weights: Float64Array, bias: number, x: Int32Array) => {
    let z = bias;
    for (const f of x) z += weights[f]!;
    return 1 / (1 + Math.exp(-z));
  };
  const topics: TopicModelTopic[] = [];
  for (const id of TOPIC_IDS) {
    const ys = examples.map((e) => e.topics.includes(id));
    const positives = ys.filter(Boolean).length;
    const rulesOnly = positives < minPositives;
    const { weights, bias } = rulesOnly
      ? { weights: new Float64Array(ids.size), bias: -10 }
      : fit(xs, ys, ids.size, { epochs, rate, l2 });
    let best = { threshold: 0.5, combine: (rulesOnly ? 'rules' : 'model') as Combination };
    if (!rulesOnly && positives >= minDevPositives && folds > 1) {
      const oof = new Float64Array(examples.length);
      for (let k = 0; k < folds; k++) {
        const inFold = (i: number) => i % folds === k;
        const trainIdx = xs.map((_, i) => i).filter((i) => !inFold(i));
        const m = fit(
          trainIdx.map((i) => xs[i]!),
          trainIdx.map((i) => ys[i]!),
          ids.size,
          { epochs, rate, l2 },
        );
        xs.forEach((x, i) => {
          if (inFold(i)) oof[i] = probability(m.weights, m.bias, x);
        });
      }
      let bestF = -1;
      for (const combine of COMBINATIONS)
        for (let th = 0.05; th < 0.951; th += 0.025) {
          const c = { tp: 0, fp: 0, fn: 0 };
          examples.forEach((e, i) => {
            const got = decide(combine, oof[i]! >= th, e.rules.includes(id));
            if (got && ys[i]) c.tp++;
            else if (got) c.fp++;
            else if (ys[i]) c.fn++;
          });
          const f = fBeta(c, betaFor[id] ?? beta);
          if (f > bestF + 1e-9) {
            bestF = f;
            best = { threshold: Math.round(th * 1000) / 1000, combine };
          }
        }
    }
    // A topic decided by the rules alone keeps no weights: nothing would read them.
    const kept: Record<string, number> = {};
    if (best.combine !== 'rules')
      weights.forEach((w, i) => {
        if (Math.abs(w) >= minWeight) kept[names[i]!] = Math.round(w * 10_000) / 10_000;
      });
    topics.push({ id, bias: Math.round(bias * 10_000) / 10_000, ...best, weights: kept });
  }
  return { version: MODEL_VERSION, source, trainedOn: examples.length, topics };
}

/**
 * A model laid out for tagging many papers: each feature once, with its weight in every topic
 * (one lookup per feature instead of one per feature and topic), in one table per kind of
 * feature keyed by the word itself and word pairs by their first then second word, so scoring
 * a paper builds no feature strings (ingest tags 11,000 papers).
 */
interface Compiled {
  topics: TopicModelTopic[];
  /** Every word of the model's features, numbered. */
  vocabulary: Map<string, number>;
  /** By word number: the feature id of the word in the title (t:), abstract (a:), either (w:). */
  title: Int32Array;
  abstract: Int32Array;
  either: Int32Array;
  /** Word pairs (b:): by first word's number, then second's. */
  pairs: Map<number, Map<number, number>>;
  rules: Map<string, number>;
  names: string[];
  /** Weight of feature f in topic t at f * topics + t. */
  weights: Float64Array;
  /** Which paper last counted each feature (so a feature counts once per paper). */
  stamp: Uint32Array;
  paper: number;
}

const compiledModels = new WeakMap<TopicModel, Compiled>();

function compile(model: TopicModel): Compiled {
  let compiled = compiledModels.get(model);
  if (compiled) return compiled;
  const vocabulary = new Map<string, number>();
  const word = (w: string) => {
    let i = vocabulary.get(w);
    if (i === undefined) vocabulary.set(w, (i = vocabulary.size));
    return i;
  };
  const ids = new Map<string, number>();
  const names: string[] = [];
  const singles: [kind: string, word: number, id: number][] = [];
  const pairs = new Map<number, Map<number, number>>();
  const rules = new Map<string, number>();
  for (const topic of model.topics)
    for (const feature of Object.keys(topic.weights)) {
      if (ids.has(feature)) continue;
      const kind = feature.slice(0, 1);
      const rest = feature.slice(2);
      const id = names.length;
      if (kind === 'b') {
        const cut = rest.indexOf('_');
        const first = word(rest.slice(0, cut));
        let seconds = pairs.get(first);
        if (!seconds) pairs.set(first, (seconds = new Map()));
        seconds.set(word(rest.slice(cut + 1)), id);
      } else if (kind === 't' || kind === 'a' || kind === 'w') singles.push([kind, word(rest), id]);
      else if (kind === 'r') rules.set(rest, id);
      else continue;
      ids.set(feature, id);
      names.push(feature);
    }
  const table = () => new Int32Array(vocabulary.size).fill(-1);
  const [title, abstract, either] = [table(), table(), table()];
  for (const [kind, w, id] of singles)
    (kind === 't' ? title : kind === 'a' ? abstract : either)[w] = id;
  const n = model.topics.length;
  const weights = new Float64Array(names.length * n);
  model.topics.forEach((topic, t) => {
    for (const [feature, w] of Object.entries(topic.weights)) {
      const id = ids.get(feature);
      if (id !== undefined) weights[id * n + t] = w;
    }
  });
  compiled = {
    topics: model.topics,
    vocabulary,
    title,
    abstract,
    either,
    pairs,
    rules,
    names,
    weights,
    stamp: new Uint32Array(names.length),
    paper: 0,
  };
  compiledModels.set(model, compiled);
  return compiled;
}

/**
 * For every topic of the model, its probability, and the features that weighed most for it
 * (worked out only for the topics asked for): the features of topicFeatures, each word looked
 * up once, each feature counted once.
 */
function scorePaper(
  model: TopicModel,
  titleWords: readonly string[],
  abstractWords: readonly string[],
  rules: readonly string[],
): Map<TopicId, { p: number; top: () => string[] }> {
  const c = compile(model);
  const { topics, vocabulary, pairs, weights, stamp, either } = c;
  const n = topics.length;
  const paper = (c.paper = (c.paper % 0xfffffffe) + 1);
  if (paper === 1) stamp.fill(0);
  const z = new Float64Array(n);
  topics.forEach((t, i) => (z[i] = t.bias));
  const found: number[] = [];
  const add = (id: number | undefined) => {
    if (id === undefined || id < 0 || stamp[id] === paper) return;
    stamp[id] = paper;
    found.push(id);
    const at = id * n;
    for (let t = 0; t < n; t++) z[t]! += weights[at + t]!;
  };
  const words = (own: Int32Array, list: readonly string[]) => {
    let previous: number | undefined;
    for (const w of list) {
      const i = vocabulary.get(w);
      if (i !== undefined) {
        add(own[i]);
        add(either[i]);
        if (previous !== undefined) add(pairs.get(previous)?.get(i));
      }
      previous = i;
    }
  };
  words(c.title, titleWords);
  words(c.abstract, abstractWords);
  for (const r of rules) add(c.rules.get(r));
  const top = (t: number) =>
    found
      .filter((id) => weights[id * n + t]! > 0)
      .map((id) => [c.names[id]!, weights[id * n + t]!] as const)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 6)
      .map(([f]) => f);
  return new Map(
    topics.map((topic, t) => [
      topic.id as TopicId,
      { p: 1 / (1 + Math.exp(-z[t]!)), top: () => top(t) },
    ]),
  );
}

/** The words of a feature a reader can find in the paper: title ones, abstract ones. */
function evidenceOf(
  top: readonly string[],
  rule: Evidence | undefined,
  inTitle: ReadonlySet<string>,
): Pick<Evidence, 'title' | 'abstract'> {
  const title: string[] = [];
  const abstract: string[] = [];
  const push = (list: string[], word: string) => {
    if (!title.includes(word) && !abstract.includes(word)) list.push(word);
  };
  for (const f of top) {
    const [kind, rest = ''] = [f.slice(0, 1), f.slice(2)];
    if (kind === 'r' && rule) {
      for (const w of rule.title) push(title, w);
      for (const w of rule.abstract) push(abstract, w);
    } else if (kind === 't') push(title, rest);
    else if (kind === 'a') push(abstract, rest);
    else if (kind === 'w') push(inTitle.has(rest) ? title : abstract, rest);
    else if (kind === 'b') {
      const phrase = rest.replace('_', ' ');
      push(rest.split('_').every((w) => inTitle.has(w)) ? title : abstract, phrase);
    }
  }
  return { title, abstract };
}

/**
 * Tags a paper with the model, given the rules' tagging of the same title and abstract. Each topic
 * keeps the words that weighed most for it and the model's probability (as `confidence`, in
 * percent); a topic given by the rules alone keeps the rules' evidence.
 */
export function applyTopicModel(
  model: TopicModel,
  title: string,
  abstract: string,
  rules: Tagging,
): Tagging {
  const titleWords = contentWords(title);
  const inTitle = new Set(titleWords);
  const result: Tagging = { topics: [], evidence: {} };
  const byId = new Map(model.topics.map((t) => [t.id, t]));
  const scores = scorePaper(model, titleWords, contentWords(abstract), rules.topics);
  for (const id of TOPIC_IDS) {
    const topic = byId.get(id);
    const rule = rules.evidence[id];
    if (!topic) {
      if (rule) {
        result.topics.push(id);
        result.evidence[id] = rule;
      }
      continue;
    }
    const { p, top } = scores.get(id)!;
    const byModel = topic.combine !== 'rules' && p >= topic.threshold;
    if (!decide(topic.combine, byModel, rule !== undefined)) continue;
    result.topics.push(id);
    const confidence = Math.round(p * 100);
    if (!byModel && rule) result.evidence[id] = rule;
    else {
      const words = evidenceOf(top(), rule, inTitle);
      result.evidence[id] = { ...words, score: rule?.score ?? 0, confidence };
    }
  }
  return result;
}

/**
 * The tagger ingest uses: the model over the rules, or the rules alone without a model. A paper
 * met again (the same title and abstract: a paper listed on several days, a file ingested
 * twice) is tagged once; each caller gets its own copy of the lists.
 */
export function modelTagger(model: TopicModel | null, remember = 50_000): Tagger {
  const tag: Tagger = model
    ? (title, abstract) => applyTopicModel(model, title, abstract, tagTopics(title, abstract))
    : tagTopics;
  const seen = new Map<string, Tagging>();
  return (title, abstract) => {
    const key = `${title}\n${abstract}`;
    let tagging = seen.get(key);
    if (!tagging) {
      tagging = tag(title, abstract);
      if (seen.size >= remember) seen.clear();
      seen.set(key, tagging);
    }
    return { topics: [...tagging.topics], evidence: { ...tagging.evidence } };
  };
}

export type { TopicId };
