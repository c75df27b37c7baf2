/**
 * "For you": a personal ranking learnt from the papers a reader saves, as arxiv-sanity does with
 * its tags. A linear model (L2-regularised logistic regression, class-balanced, trained by SGD)
 * separates the saved papers from the others over the TF-IDF features of similar papers
 * (`termCounts` and `tfIdf` of similarity.ts: title words three times, abstract words once),
 * with pairs of words in a row and the paper's authors as extra features. It then scores any
 * list, and says why a paper ranks high: the words that weigh most for it and the saved papers
 * it is most like.
 *
 * Goals: pure and deterministic (the same saves, others and seed give the same model, whatever
 * their order), cheap enough to retrain in a worker whenever saves change, and a model that is
 * plain JSON so the worker can post it back. Training is a generator that yields between small
 * chunks of work, so a caller can spread it over frames or drop it when the saves change again;
 * a ForYouCache keeps what earlier trainings read, so retraining reads only new papers.
 * Cost (docs/for-you.md): on 20 saved papers and 2,000 others, reading the papers' words is
 * most of a first training; with the cache, a retraining is the weighing and the SGD only.
 * Non-goals: learning from reading time, clicks or papers skipped; phrases longer than two words.
 */
import { forYouReadiness } from './for-you-readiness';

export { MIN_SAVED, forYouReadiness, type ForYouReadiness } from './for-you-readiness';
import { fingerprint } from './text';
import { foldCase } from './tokenize';
import { type SimilarityInput, termCounts, tfIdf } from './similarity';

/** A paper as "For you" reads it. */
export interface ForYouPaper extends SimilarityInput {
  authors?: readonly string[];
}

export interface ForYouOptions {
  /** L2 regularisation strength λ: larger keeps the model closer to the centroid of the saves. */
  lambda?: number;
  /** Passes over the training papers. */
  epochs?: number;
  /** Weight of an author feature relative to a word's TF-IDF; 0 leaves authors out. */
  authorWeight?: number;
  /** Seed of the order in which SGD visits the papers. */
  seed?: number;
  /**
   * Work between two yields of `trainForYouSteps`: papers read or weighed, or STEPS_PER_PAPER
   * times as many SGD steps (a step costs about that fraction of reading a paper).
   */
  chunk?: number;
  /** Papers read by earlier trainings (see createForYouCache). */
  cache?: ForYouCache;
}

/** The defaults, tuned on the tune split of `npm run eval:foryou`. */
export const FOR_YOU_DEFAULTS: Readonly<Required<Omit<ForYouOptions, 'cache'>>> = {
  lambda: 1e-2,
  epochs: 4,
  authorWeight: 0.5,
  seed: 1,
  chunk: 25,
};

/** SGD steps per paper of `chunk`. */
export const STEPS_PER_PAPER = 40;

/**
 * A trained model: plain JSON (arrays, numbers and strings), safe to post from a worker and to
 * store. `terms`, `df` and `weights` are parallel arrays.
 */
export interface ForYouModel {
  /** Format of this object; bumped when its meaning changes. */
  version: 1;
  /** Papers it was trained on (saved and others): the n of the IDF. */
  documents: number;
  /** Saved papers it was trained on. */
  positives: number;
  /**
   * Its features: folded words, pairs of words ("data assimilation"), and authors as "@" and
   * the folded name (a word never contains "@"). Words in one paper only are kept when that
   * paper is a saved one.
   */
  terms: string[];
  /** How many of the training papers have each feature. */
  df: number[];
  /** The weight of each feature: positive for words of papers like the saved ones. */
  weights: number[];
  bias: number;
  /** As ForYouOptions.authorWeight. */
  authorWeight: number;
}

/** What training reports at each yield. */
export interface ForYouProgress {
  /** Reading the papers' words, weighing them (TF-IDF), then learning the weights (SGD). */
  phase: 'reading' | 'weighing' | 'training';
  done: number;
  total: number;
}

/** Why a paper ranks where it does. */
export interface ForYouReason {
  /** The paper's words that raise its score most, strongest first. */
  words: { term: string; weight: number }[];
  /** Its authors the model has learnt to like, as the paper spells them. */
  authors: string[];
  /** The saved papers most like it (cosine of their features), most similar first. */
  like: { id: string; title: string; score: number }[];
}

/**
 * What earlier trainings and scorings have read, kept by the caller (the worker) so that
 * retraining after a new save reads only papers it has not seen. Papers are keyed by object;
 * features are numbered in the order first seen. Never part of a model: a model trained with a
 * cache is the same as one trained without.
 */
export interface ForYouCache {
  names: string[];
  ids: Map<string, number>;
  papers: WeakMap<ForYouPaper, Features>;
  /** Each model's features as cache numbers → model features (-1: not a feature). */
  models: WeakMap<ForYouModel, Int32Array>;
}

export const createForYouCache = (): ForYouCache => ({
  names: [],
  ids: new Map(),
  papers: new WeakMap(),
  models: new WeakMap(),
});

/** A paper's features before weighting: cache numbers and counts, its words then its authors. */
interface Features {
  ids: Int32Array;
  tf: Float64Array;
  /** How many of `ids` are words. */
  words: number;
}

function intern(cache: ForYouCache, name: string): number {
  let id = cache.ids.get(name);
  if (id === undefined) {
    id = cache.names.length;
    cache.ids.set(name, id);
    cache.names.push(name);
  }
  return id;
}

const authorKey = (name: string) => `@${foldCase(name).replace(/\s+/g, ' ').trim()}`;

function readFeatures(paper: ForYouPaper, cache: ForYouCache): Features {
  const cached = cache.papers.get(paper);
  if (cached) return cached;
  const words = termCounts(paper, { bigrams: true });
  const authors = new Set((paper.authors ?? []).map(authorKey).filter((k) => k.length > 1));
  const ids = new Int32Array(words.size + authors.size);
  const tf = new Float64Array(ids.length);
  let at = 0;
  for (const [word, count] of words) {
    ids[at] = intern(cache, word);
    tf[at++] = count;
  }
  for (const key of authors) {
    ids[at] = intern(cache, key);
    tf[at++] = 1;
  }
  const features = { ids, tf, words: words.size };
  cache.papers.set(paper, features);
  return features;
}

interface SparseVector {
  index: Int32Array;
  value: Float64Array;
}

/**
 * The L2-normalised TF-IDF vector of a paper over a model's features (`local` maps a cache
 * number to the model's feature, or -1). Words the model does not know still count in the norm,
 * as words of a single paper, so a paper is not lifted by words the model has never seen.
 */
function vectorize(
  features: Features,
  local: Int32Array,
  df: ArrayLike<number>,
  n: number,
  authorWeight: number,
): SparseVector {
  const end = authorWeight > 0 ? features.ids.length : features.words;
  const index = new Int32Array(end);
  const value = new Float64Array(end);
  let kept = 0;
  let norm = 0;
  for (let j = 0; j < end; j++) {
    const global = features.ids[j]!;
    const id = global < local.length ? local[global]! : -1;
    const w =
      tfIdf(features.tf[j]!, id < 0 ? 1 : df[id]!, n) * (j < features.words ? 1 : authorWeight);
    norm += w * w;
    if (id >= 0 && w !== 0) {
      index[kept] = id;
      value[kept++] = w;
    }
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < kept; j++) value[j]! *= scale;
  return { index: index.subarray(0, kept), value: value.subarray(0, kept) };
}

const dot = (v: SparseVector, weights: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < v.index.length; i++) sum += v.value[i]! * weights[v.index[i]!]!;
  return sum;
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A 32-bit integer mix (the finaliser of MurmurHash3), for the seeded visiting order. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Trains the model in steps: yields its progress after every `chunk` papers read or SGD steps
 * taken, and returns the model. Stop calling `next()` to abandon it. Throws a RangeError with the
 * reader's message when there are fewer than MIN_SAVED positives.
 *
 * `positives` are the saved papers (of a collection, or all); `others` the papers to tell them
 * from (the rest of the archive). A paper in both counts as saved; repeated ids count once.
 */
export function* trainForYouSteps(
  positives: readonly ForYouPaper[],
  others: readonly ForYouPaper[],
  options: ForYouOptions = {},
): Generator<ForYouProgress, ForYouModel, void> {
  const { lambda, epochs, authorWeight, seed, chunk } = { ...FOR_YOU_DEFAULTS, ...options };
  const cache = options.cache ?? createForYouCache();
  const seen = new Set<string>();
  const unique = (p: ForYouPaper) => !seen.has(p.id) && (seen.add(p.id), true);
  const pos = positives.filter(unique);
  const readiness = forYouReadiness(pos.length);
  if (!readiness.ready) throw new RangeError(readiness.message);
  const papers = [...pos, ...others.filter(unique)];
  const n = papers.length;
  const nPos = pos.length;

  // Features of every paper, then the vocabulary: the words and authors of two papers or more,
  // or of a saved paper, in the order they first appear in the papers taken by id (an order
  // that depends neither on the order of the input nor on the cache's numbering).
  const features: Features[] = [];
  for (let i = 0; i < n; i++) {
    features.push(readFeatures(papers[i]!, cache));
    if ((i + 1) % chunk === 0) yield { phase: 'reading', done: i + 1, total: n };
  }
  const byId = Array.from(papers.keys()).sort((a, b) => cmp(papers[a]!.id, papers[b]!.id));
  const docFreq = new Int32Array(cache.names.length);
  const inSaved = new Uint8Array(cache.names.length);
  const present: number[] = [];
  for (let i = 0; i < n; i++) {
    const doc = byId[i]!;
    const f = features[doc]!;
    const end = authorWeight > 0 ? f.ids.length : f.words;
    for (let j = 0; j < end; j++) {
      const id = f.ids[j]!;
      if (docFreq[id]!++ === 0) present.push(id);
      if (doc < nPos) inSaved[id] = 1;
    }
    if ((i + 1) % chunk === 0) yield { phase: 'weighing', done: i + 1, total: 2 * n };
  }
  const local = new Int32Array(cache.names.length).fill(-1);
  const terms: string[] = [];
  const df: number[] = [];
  for (const id of present)
    if (docFreq[id]! >= 2 || inSaved[id]) {
      local[id] = terms.length;
      terms.push(cache.names[id]!);
      df.push(docFreq[id]!);
    }
  const vectors: SparseVector[] = [];
  for (let i = 0; i < n; i++) {
    vectors.push(vectorize(features[i]!, local, df, n, authorWeight));
    if ((i + 1) % chunk === 0) yield { phase: 'weighing', done: n + i + 1, total: 2 * n };
  }

  // Class balance by repetition: each saved paper is visited as often as it takes to weigh as
  // much as all the others together, so no single step is larger than another.
  const repeats = Math.max(1, Math.round((n - nPos) / nPos));
  const visitDoc = new Int32Array(nPos * repeats + n - nPos);
  const visitHash = new Uint32Array(visitDoc.length);
  for (let doc = 0, at = 0; doc < n; doc++) {
    const idHash = parseInt(fingerprint(papers[doc]!.id), 36);
    for (let r = 0; r < (doc < nPos ? repeats : 1); r++, at++) {
      visitDoc[at] = doc;
      visitHash[at] = mix32(idHash ^ mix32(r + 0x9e3779b9 * (seed + 1)));
    }
  }
  // Each epoch visits in the order of a hash of (paper id, repetition, epoch, seed): a shuffle
  // that depends on the papers, not on the order they were given in. Visits are packed as
  // hash * 2^21 + visit into one float64 (exact below 2^53), so a plain numeric sort orders them.
  const order = new Float64Array(visitDoc.length);
  const packing = 2 ** 21;
  if (order.length >= packing) throw new RangeError(`For you trains on at most ${packing} visits`);

  // SGD on the logistic loss with L2, with the weights kept as scale * v so that the decay of
  // every weight at every step is one multiplication.
  const v = new Float64Array(terms.length);
  let scale = 1;
  let bias = 0;
  const eta0 = Math.min(1, 0.5 / lambda);
  let t = 0;
  const total = epochs * order.length;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const epochSalt = mix32(epoch + 1);
    for (let i = 0; i < order.length; i++)
      order[i] = mix32(visitHash[i]! ^ epochSalt) * packing + i;
    order.sort();
    for (let i = 0; i < order.length; i++) {
      const doc = visitDoc[order[i]! % packing]!;
      const x = vectors[doc]!;
      const y = doc < nPos ? 1 : -1;
      const eta = eta0 / (1 + lambda * eta0 * t);
      const margin = y * (scale * dot(x, v) + bias);
      // d/dm log(1 + e^-m) = -1 / (1 + e^m)
      const g = -y / (1 + Math.exp(margin));
      scale *= 1 - eta * lambda;
      const step = (eta * g) / scale;
      for (let j = 0; j < x.index.length; j++) v[x.index[j]!]! -= step * x.value[j]!;
      bias -= eta * g;
      if (scale < 1e-9) {
        for (let j = 0; j < v.length; j++) v[j]! *= scale;
        scale = 1;
      }
      t++;
      if (t % (chunk * STEPS_PER_PAPER) === 0) yield { phase: 'training', done: t, total };
    }
  }
  const model: ForYouModel = {
    version: 1,
    documents: n,
    positives: nPos,
    terms,
    df,
    // Six decimals: the ranking is the same, and the JSON half the size.
    weights: Array.from(v, (w) => Math.round(w * scale * 1e6) / 1e6),
    bias: Math.round(bias * 1e6) / 1e6,
    authorWeight,
  };
  cache.models.set(model, local);
  return model;
}

/** Trains the model at once: `trainForYouSteps` run to the end. */
export function trainForYou(
  positives: readonly ForYouPaper[],
  others: readonly ForYouPaper[],
  options: ForYouOptions = {},
): ForYouModel {
  const steps = trainForYouSteps(positives, others, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A model made ready for scoring: the vector of a paper over its features. */
function prepare(model: ForYouModel, cache: ForYouCache) {
  const local = cache.models.get(model) ?? lookup(model, cache);
  return (paper: ForYouPaper) =>
    vectorize(readFeatures(paper, cache), local, model.df, model.documents, model.authorWeight);
}

/** Cache numbers → the model's features, remembered in the cache. */
function lookup(model: ForYouModel, cache: ForYouCache): Int32Array {
  const ids = model.terms.map((term) => intern(cache, term));
  // Every feature of the model is in the cache now: later numbers are words it does not know.
  const local = new Int32Array(cache.names.length).fill(-1);
  for (let i = 0; i < ids.length; i++) local[ids[i]!] = i;
  cache.models.set(model, local);
  return local;
}

/**
 * The score of each paper, in the order given: the model's log-odds that the reader would save
 * it. Higher is more like the saved papers; only the order means something.
 */
export function scoreForYou(
  model: ForYouModel,
  papers: readonly ForYouPaper[],
  cache = createForYouCache(),
): number[] {
  const vector = prepare(model, cache);
  return papers.map((p) => dot(vector(p), model.weights) + model.bias);
}

/** The share of papers above which a word is too common to be given as a reason. */
const COMMON_WORD = 0.1;

export interface ExplainOptions {
  /** Words to give at most. */
  words?: number;
  /** Authors to give at most. */
  authors?: number;
  /** Saved papers to give at most. */
  papers?: number;
  /** The least cosine similarity for a saved paper to count as like this one. */
  minSimilarity?: number;
  cache?: ForYouCache;
}

/**
 * Why `paper` scores as it does: the words that raise its score most among those it shares with
 * two saved papers or more (a word of a single saved paper says little about the reader), the
 * authors that raise it, and the saved papers (from `positives`, leaving out the paper itself)
 * most like it.
 */
export function explainForYou(
  model: ForYouModel,
  paper: ForYouPaper,
  positives: readonly ForYouPaper[],
  {
    words = 5,
    authors = 3,
    papers = 3,
    minSimilarity = 0.05,
    cache = createForYouCache(),
  }: ExplainOptions = {},
): ForYouReason {
  const vector = prepare(model, cache);
  const x = vector(paper);
  const dense = new Float64Array(model.terms.length);
  for (let i = 0; i < x.index.length; i++) dense[x.index[i]!] = x.value[i]!;
  const saved = positives.filter((p) => p.id !== paper.id);
  const savedWith = new Int32Array(model.terms.length);
  const like: ForYouReason['like'] = [];
  for (const p of saved) {
    const v = vector(p);
    for (const id of v.index) savedWith[id]!++;
    const score = dot(v, dense);
    if (score >= minSimilarity) like.push({ id: p.id, title: p.title, score });
  }
  like.sort((a, b) => b.score - a.score || cmp(a.id, b.id));
  const contributions: { id: number; term: string; weight: number }[] = [];
  for (let i = 0; i < x.index.length; i++) {
    const id = x.index[i]!;
    const weight = x.value[i]! * model.weights[id]!;
    if (weight > 0) contributions.push({ id, term: model.terms[id]!, weight });
  }
  contributions.sort((a, b) => b.weight - a.weight || cmp(a.term, b.term));
  const shared = Math.min(2, saved.length);
  // The strongest words, a pair of words standing for the single words in it.
  const chosen: { term: string; weight: number }[] = [];
  for (const { id, term, weight } of contributions) {
    if (chosen.length === words) break;
    if (term.startsWith('@') || savedWith[id]! < shared) continue;
    // A word in more than a tenth of the papers ("many", "system") weighs in the score but says
    // nothing to the reader about why (judged once there are papers enough to tell).
    if (model.documents >= 200 && model.df[id]! > model.documents * COMMON_WORD) continue;
    const parts = term.split(' ');
    if (parts.length === 1 && chosen.some((c) => c.term.split(' ').includes(term))) continue;
    for (let i = chosen.length - 1; i >= 0; i--)
      if (parts.length > 1 && parts.includes(chosen[i]!.term)) chosen.splice(i, 1);
    chosen.push({ term, weight });
  }
  const authorNames = new Map((paper.authors ?? []).map((name) => [authorKey(name), name]));
  return {
    words: chosen,
    authors: contributions.flatMap((c) => authorNames.get(c.term) ?? []).slice(0, authors),
    like: like.slice(0, papers),
  };
}
