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

const better = (score: number, id: string, than: Neighbour) =>
  score > than.score || (score === than.score && id < than.id);

/**
 * For every paper, its `k` nearest neighbours (best first, score in (0, 1]). Papers with
 * nothing in common with any other get an empty list.
 */
export function nearestNeighbours(
  papers: readonly SimilarityInput[],
  k = 5,
): Map<string, Neighbour[]> {
  const n = papers.length;
  const counts = papers.map((paper) => termCounts(paper));
  const df = new Map<string, number>();
  for (const c of counts) for (const term of c.keys()) df.set(term, (df.get(term) ?? 0) + 1);

  // Signatures: the top TF-IDF terms of each paper, L2-normalised.
  // Terms in more than 5% of papers say little about any one of them and make the longest
  // posting lists; leaving them out of signatures keeps the candidate search near-linear.
  const maxDf = Math.max(10, Math.floor(n * 0.05));
  const termIds = new Map<string, number>();
  const signatures: { terms: Int32Array; weights: Float64Array }[] = counts.map((c) => {
    const scored: [string, number][] = [];
    for (const [term, tf] of c) {
      const d = df.get(term) ?? 1;
      if (d < 2 || d > maxDf) continue; // a term no other paper has cannot make two papers similar
      scored.push([term, tfIdf(tf, d, n)]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = scored.slice(0, SIGNATURE_SIZE);
    const norm = Math.hypot(...top.map(([, w]) => w)) || 1;
    const terms = new Int32Array(top.length);
    const weights = new Float64Array(top.length);
    top.forEach(([term, w], i) => {
      let id = termIds.get(term);
      if (id === undefined) termIds.set(term, (id = termIds.size));
      terms[i] = id;
      weights[i] = w / norm;
    });
    return { terms, weights };
  });

  // Postings in compressed rows: the docs and weights of term t are at offsets[t]..offsets[t+1].
  const offsets = new Int32Array(termIds.size + 1);
  for (const sig of signatures) for (const t of sig.terms) offsets[t + 1]!++;
  for (let t = 0; t < termIds.size; t++) offsets[t + 1]! += offsets[t]!;
  const fill = offsets.slice(0, termIds.size);
  const postDocs = new Int32Array(offsets[termIds.size]!);
  const postWeights = new Float64Array(offsets[termIds.size]!);
  signatures.forEach((sig, doc) =>
    sig.terms.forEach((t, i) => {
      const at = fill[t]!++;
      postDocs[at] = doc;
      postWeights[at] = sig.weights[i]!;
    }),
  );

  const result = new Map<string, Neighbour[]>();
  const scores = new Float64Array(n);
  const touched: number[] = [];
  for (let doc = 0; doc < n; doc++) {
    const sig = signatures[doc]!;
    for (let i = 0; i < sig.terms.length; i++) {
      const w = sig.weights[i]!;
      const t = sig.terms[i]!;
      for (let at = offsets[t]!, end = offsets[t + 1]!; at < end; at++) {
        const other = postDocs[at]!;
        if (other === doc) continue;
        if (scores[other] === 0) touched.push(other);
        scores[other]! += w * postWeights[at]!;
      }
    }
    const best: Neighbour[] = [];
    for (const other of touched) {
      const score = scores[other]!;
      scores[other] = 0;
      const id = papers[other]!.id;
      if (best.length === k && !better(score, id, best[k - 1]!)) continue;
      let at = best.length === k ? k - 1 : best.length;
      while (at > 0 && better(score, id, best[at - 1]!)) {
        best[at] = best[at - 1]!;
        at--;
      }
      best[at] = { id, score };
    }
    touched.length = 0;
    result.set(
      papers[doc]!.id,
      best.map((b) => ({ id: b.id, score: Math.round(b.score * 1000) / 1000 })),
    );
  }
  return result;
}
