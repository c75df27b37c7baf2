/**
 * "Similar papers": the nearest papers by TF-IDF cosine over title and abstract, across every day.
 * Each paper is reduced to its most distinctive terms, and candidates come from an inverted index
 * of those terms, so the cost grows with the number of papers times the signature size rather
 * than with the square of the archive.
 */
import { STOP_WORDS, tokenize } from './tokenize';

export interface SimilarityInput {
  id: string;
  title: string;
  abstract: string;
}

export interface Neighbour {
  id: string;
  score: number;
}

/** Terms kept per paper. */
const SIGNATURE_SIZE = 32;

/** A word that can tell papers apart: three letters or more, not a stop word, not a number. */
const isTerm = (term: string) => term.length >= 3 && !STOP_WORDS.has(term) && !/^\d+$/.test(term);

/**
 * The weighted term counts of a paper, as similar papers and "For you" read it: the words of the
 * title count three times, those of the abstract once; stop words, numbers and words of fewer
 * than three letters are left out. With `bigrams`, two such words in a row count too, as one
 * term "word word" ("diffusion model" says more than "diffusion" and "model" apart).
 */
export function termCounts(
  paper: SimilarityInput,
  { bigrams = false }: { bigrams?: boolean } = {},
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    let previous = '';
    for (const term of tokenize(text)) {
      if (!isTerm(term)) {
        previous = '';
        continue;
      }
      counts.set(term, (counts.get(term) ?? 0) + weight);
      if (bigrams && previous) {
        const pair = `${previous} ${term}`;
        counts.set(pair, (counts.get(pair) ?? 0) + weight);
      }
      previous = term;
    }
  };
  add(paper.title, 3);
  add(paper.abstract, 1);
  return counts;
}

/**
 * The TF-IDF weight of a term seen `tf` times in a paper and in `df` of `n` papers: sublinear in
 * the count, so a word repeated ten times is not ten times the evidence.
 */
export const tfIdf = (tf: number, df: number, n: number) => (1 + Math.log(tf)) * Math.log(n / df);

const better = (score: number, id: string, than: { score: number; id: string }) =>
  score > than.score || (score === than.score && id < than.id);

/** A paper's signature: its top TF-IDF terms (term ids) and their L2-normalised weights. */
export interface Signature {
  terms: Int32Array;
  /** Float64 when computed, Float32 when read back from a stored state. */
  weights: Float64Array | Float32Array;
}

/**
 * What the neighbour search needs to add papers to an archive without recomputing it: the term
 * table with document frequencies, every paper's signature, and every paper's neighbours with
 * their exact scores. Papers are numbered (docs) in the order they were added.
 */
export interface SimilarityState {
  k: number;
  /** Paper ids by doc: ties are broken by id, as nearestNeighbours does. */
  ids: string[];
  /** Term strings by term id, and in how many papers each term occurs (anywhere in its text). */
  terms: string[];
  df: number[];
  signatures: Signature[];
  /** `k` neighbours per doc, best first: doc numbers (-1 for none) and exact scores. */
  neighbourDocs: Int32Array;
  neighbourScores: Float64Array;
  /** Papers at the last full computation, and papers signed since (added or given new text). */
  baseCount: number;
  signedSince: number;
}

/**
 * A paper's signature from its term counts: the top terms by TF-IDF among those in at least two
 * papers and at most 5% of them (those say little about any one paper and make the longest
 * posting lists; leaving them out keeps the candidate search near-linear), L2-normalised.
 */
function sign(
  counts: Map<string, number>,
  termId: (term: string) => number,
  df: readonly number[],
  n: number,
): Signature {
  const maxDf = Math.max(10, Math.floor(n * 0.05));
  const scored: [string, number][] = [];
  for (const [term, tf] of counts) {
    const d = df[termId(term)] ?? 1;
    if (d < 2 || d > maxDf) continue; // a term no other paper has cannot make two papers similar
    scored.push([term, tfIdf(tf, d, n)]);
  }
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = scored.slice(0, SIGNATURE_SIZE);
  const norm = Math.hypot(...top.map(([, w]) => w)) || 1;
  const terms = new Int32Array(top.length);
  const weights = new Float64Array(top.length);
  top.forEach(([term, w], i) => {
    terms[i] = termId(term);
    weights[i] = w / norm;
  });
  return { terms, weights };
}

/** The docs a doc's scoring reached (docs[0..count)), kept across docs to spare allocations. */
interface Touched {
  docs: Int32Array;
  count: number;
}

/** Postings in compressed rows: the docs and weights of term t are at offsets[t]..offsets[t+1]. */
interface Postings {
  offsets: Int32Array;
  docs: Int32Array;
  weights: Float64Array;
}

function postingsOf(signatures: readonly Signature[], termCount: number): Postings {
  const offsets = new Int32Array(termCount + 1);
  for (const sig of signatures) for (const t of sig.terms) offsets[t + 1]!++;
  for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
  const fill = offsets.slice(0, termCount);
  const docs = new Int32Array(offsets[termCount]!);
  const weights = new Float64Array(offsets[termCount]!);
  signatures.forEach((sig, doc) => {
    for (let i = 0; i < sig.terms.length; i++) {
      const at = fill[sig.terms[i]!]!++;
      docs[at] = doc;
      weights[at] = sig.weights[i]!;
    }
  });
  return { offsets, docs, weights };
}

/**
 * Scores one doc against every other through the postings: leaves the scores in `scores` and
 * the docs with a score in `touched` (the caller reads and clears them).
 */
function scoreDoc(
  doc: number,
  sig: Signature,
  postings: Postings,
  scores: Float64Array,
  touched: Touched,
): void {
  const { offsets, docs, weights } = postings;
  const list = touched.docs;
  let count = touched.count;
  for (let i = 0; i < sig.terms.length; i++) {
    const w = sig.weights[i]!;
    const t = sig.terms[i]!;
    for (let at = offsets[t]!, end = offsets[t + 1]!; at < end; at++) {
      const other = docs[at]!;
      if (other === doc) continue;
      if (scores[other] === 0) list[count++] = other;
      scores[other]! += w * weights[at]!;
    }
  }
  touched.count = count;
}

/** The best `k` of the touched docs into `doc`'s row of the state; clears `scores` and `touched`. */
function keepBest(
  state: SimilarityState,
  doc: number,
  scores: Float64Array,
  touched: Touched,
): void {
  const { k, ids } = state;
  const best: { doc: number; id: string; score: number }[] = [];
  // The k-th score so far: most docs score below it and are passed over without a comparison
  // of ids (the loop runs once per doc sharing a term, most of the archive at 200,000 papers).
  let floor = -Infinity;
  for (let i = 0; i < touched.count; i++) {
    const other = touched.docs[i]!;
    const score = scores[other]!;
    scores[other] = 0;
    if (score < floor) continue;
    const id = ids[other]!;
    if (best.length === k && !better(score, id, best[k - 1]!)) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && better(score, id, best[at - 1]!)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = { doc: other, id, score };
    if (best.length === k) floor = best[k - 1]!.score;
  }
  touched.count = 0;
  for (let j = 0; j < k; j++) {
    state.neighbourDocs[doc * k + j] = best[j]?.doc ?? -1;
    state.neighbourScores[doc * k + j] = best[j]?.score ?? 0;
  }
}

/**
 * The similarity state of a set of papers, computed in full: every paper's signature from the
 * document frequencies of the whole set, and every paper's `k` nearest neighbours.
 */
export function buildSimilarity(papers: readonly SimilarityInput[], k = 5): SimilarityState {
  const n = papers.length;
  const counts = papers.map((paper) => termCounts(paper));
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  for (const c of counts)
    for (const term of c.keys()) {
      let id = termIds.get(term);
      if (id === undefined) {
        termIds.set(term, (id = terms.length));
        terms.push(term);
        df.push(0);
      }
      df[id]!++;
    }
  const termId = (term: string) => termIds.get(term)!;
  const state: SimilarityState = {
    k,
    ids: papers.map((p) => p.id),
    terms,
    df,
    signatures: counts.map((c) => sign(c, termId, df, n)),
    neighbourDocs: new Int32Array(n * k).fill(-1),
    neighbourScores: new Float64Array(n * k),
    baseCount: n,
    signedSince: 0,
  };
  // Each pair is scored once, from its lower doc: postings list docs in ascending order, so
  // when `doc` is scored, a cursor per term stands on doc's own entry and the docs after it are
  // the ones not yet paired with it. The score goes into both lists, each gated by its k-th.
  const { offsets, docs, weights } = postingsOf(state.signatures, terms.length);
  const cursor = offsets.slice(0, terms.length);
  const { neighbourDocs, neighbourScores } = state;
  const floor = new Float64Array(n);
  const scores = new Float64Array(n);
  const touched = new Int32Array(n);
  const offer = (into: number, doc: number, score: number) => {
    if (score < floor[into]! || !insert(state, into, doc, score)) return;
    const last = into * k + k - 1;
    if (neighbourDocs[last]! >= 0) floor[into] = neighbourScores[last]!;
  };
  for (let doc = 0; doc < n; doc++) {
    const sig = state.signatures[doc]!;
    let count = 0;
    for (let i = 0; i < sig.terms.length; i++) {
      const t = sig.terms[i]!;
      const w = sig.weights[i]!;
      for (let at = ++cursor[t]!, end = offsets[t + 1]!; at < end; at++) {
        const other = docs[at]!;
        if (scores[other] === 0) touched[count++] = other;
        scores[other]! += w * weights[at]!;
      }
    }
    for (let i = 0; i < count; i++) {
      const other = touched[i]!;
      const score = scores[other]!;
      scores[other] = 0;
      offer(doc, other, score);
      offer(other, doc, score);
    }
  }
  return state;
}

/** A doc's neighbours as ids with scores rounded to three decimals (what the files hold). */
export function neighboursOf(state: SimilarityState, doc: number): Neighbour[] {
  const out: Neighbour[] = [];
  for (let j = 0; j < state.k; j++) {
    const other = state.neighbourDocs[doc * state.k + j]!;
    if (other < 0) break;
    out.push({
      id: state.ids[other]!,
      score: Math.round(state.neighbourScores[doc * state.k + j]! * 1000) / 1000,
    });
  }
  return out;
}

/**
 * For every paper, its `k` nearest neighbours (best first, score in (0, 1]). Papers with
 * nothing in common with any other get an empty list.
 */
export function nearestNeighbours(
  papers: readonly SimilarityInput[],
  k = 5,
): Map<string, Neighbour[]> {
  const state = buildSimilarity(papers, k);
  return new Map(papers.map((p, doc) => [p.id, neighboursOf(state, doc)]));
}

export interface SimilarityUpdate {
  /** New papers: they become docs state.ids.length, state.ids.length + 1, … in this order. */
  added: readonly SimilarityInput[];
  /** Papers already in the state whose title or abstract changed. */
  changed: readonly { doc: number; before: SimilarityInput; after: SimilarityInput }[];
}

/**
 * Adds papers to a similarity state, and gives changed papers their new text, without
 * recomputing the archive (the state is changed in place). Document frequencies and the paper
 * count take the new papers in; the new and changed papers are signed with them and scored
 * against every paper, and get their `k` best; a new paper enters an old paper's list when it
 * beats that list's k-th. Old papers keep their signatures (weights from the document frequencies
 * of their own time: the approximation, bounded by recomputing in full once enough papers were
 * signed since). A list that held a changed paper is computed again from every signature, so no
 * list keeps a score from text that is gone. Returns the docs whose list changed (as the files
 * show it: neighbours and rounded scores).
 */
export function updateSimilarity(state: SimilarityState, update: SimilarityUpdate): Set<number> {
  const { k, terms, df, ids, signatures } = state;
  const termIds = new Map(terms.map((t, i) => [t, i]));
  const termId = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      termIds.set(term, (id = terms.length));
      terms.push(term);
      df.push(0);
    }
    return id;
  };
  const queries: number[] = [];
  const newCounts: Map<string, number>[] = [];
  for (const { doc, before, after } of update.changed) {
    for (const term of termCounts(before).keys()) {
      const id = termIds.get(term);
      if (id !== undefined && df[id]! > 0) df[id]!--;
    }
    const counts = termCounts(after);
    for (const term of counts.keys()) df[termId(term)]!++;
    queries.push(doc);
    newCounts.push(counts);
    ids[doc] = after.id;
  }
  for (const paper of update.added) {
    const counts = termCounts(paper);
    for (const term of counts.keys()) df[termId(term)]!++;
    queries.push(ids.length);
    newCounts.push(counts);
    ids.push(paper.id);
  }
  const n = ids.length;
  if (!queries.length) return new Set();
  queries.forEach((doc, i) => (signatures[doc] = sign(newCounts[i]!, termId, df, n)));
  const before = neighbourRows(state);
  if (state.neighbourDocs.length < n * k) {
    const docs = new Int32Array(n * k).fill(-1);
    docs.set(state.neighbourDocs);
    const scores = new Float64Array(n * k);
    scores.set(state.neighbourScores);
    state.neighbourDocs = docs;
    state.neighbourScores = scores;
  }
  const isQuery = new Uint8Array(n);
  for (const doc of queries) isQuery[doc] = 1;
  const isChanged = new Uint8Array(n);
  for (const { doc } of update.changed) isChanged[doc] = 1;
  // Lists that held a changed paper are computed again in full.
  const refill: number[] = [];
  if (update.changed.length)
    for (let doc = 0; doc < before.count; doc++) {
      if (isQuery[doc]) continue;
      for (let j = 0; j < k; j++) {
        const other = state.neighbourDocs[doc * k + j]!;
        if (other >= 0 && isChanged[other]) {
          refill.push(doc);
          break;
        }
      }
    }
  const isRefill = new Uint8Array(n);
  for (const doc of refill) isRefill[doc] = 1;

  const postings = postingsOf(signatures, terms.length);
  const scores = new Float64Array(n);
  const touched: Touched = { docs: new Int32Array(n), count: 0 };
  const gained = new Set<number>();
  // The score an old paper's list asks of a newcomer: its k-th (0 while not full), or Infinity
  // for the papers whose lists are computed whole. One small array, read for every paper a new
  // paper reaches (tens of thousands each at 200,000 papers), where the lists would miss cache.
  const { neighbourDocs, neighbourScores } = state;
  const floor = new Float64Array(n);
  for (let doc = 0; doc < n; doc++)
    floor[doc] =
      isQuery[doc] || isRefill[doc]
        ? Infinity
        : neighbourDocs[doc * k + k - 1]! >= 0
          ? neighbourScores[doc * k + k - 1]!
          : 0;
  for (const doc of queries) {
    scoreDoc(doc, signatures[doc]!, postings, scores, touched);
    for (let i = 0; i < touched.count; i++) {
      const other = touched.docs[i]!;
      const score = scores[other]!;
      if (score < floor[other]!) continue;
      if (insert(state, other, doc, score)) {
        gained.add(other);
        const last = other * k + k - 1;
        if (neighbourDocs[last]! >= 0) floor[other] = neighbourScores[last]!;
      }
    }
    keepBest(state, doc, scores, touched);
  }
  for (const doc of refill) {
    scoreDoc(doc, signatures[doc]!, postings, scores, touched);
    keepBest(state, doc, scores, touched);
  }
  state.signedSince += queries.length;

  const changedDocs = new Set<number>(queries);
  for (const doc of [...gained, ...refill]) if (!sameRow(before, state, doc)) changedDocs.add(doc);
  return changedDocs;
}

/** Puts `doc` with `score` into `into`'s list if it beats the list's k-th; true if it did. */
function insert(state: SimilarityState, into: number, doc: number, score: number): boolean {
  const { k, ids, neighbourDocs: docs, neighbourScores: scores } = state;
  const row = into * k;
  const id = ids[doc]!;
  const last = docs[row + k - 1]!;
  if (last >= 0 && !better(score, id, { score: scores[row + k - 1]!, id: ids[last]! }))
    return false;
  let at = k - 1;
  while (
    at > 0 &&
    (docs[row + at - 1]! < 0 ||
      better(score, id, { score: scores[row + at - 1]!, id: ids[docs[row + at - 1]!]! }))
  ) {
    docs[row + at] = docs[row + at - 1]!;
    scores[row + at] = scores[row + at - 1]!;
    at--;
  }
  docs[row + at] = doc;
  scores[row + at] = score;
  return true;
}

/** A copy of the lists as the files show them (rounded scores), to tell which ones changed. */
function neighbourRows(state: SimilarityState) {
  return {
    count: state.ids.length,
    docs: state.neighbourDocs.slice(),
    scores: state.neighbourScores.map((s) => Math.round(s * 1000)),
  };
}

function sameRow(
  before: ReturnType<typeof neighbourRows>,
  state: SimilarityState,
  doc: number,
): boolean {
  if (doc >= before.count) return false;
  for (let j = 0; j < state.k; j++) {
    const at = doc * state.k + j;
    if (before.docs[at] !== state.neighbourDocs[at]) return false;
    if (
      before.docs[at]! >= 0 &&
      before.scores[at] !== Math.round(state.neighbourScores[at]! * 1000)
    )
      return false;
  }
  return true;
}
