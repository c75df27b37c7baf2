/**
 * "For you" ranking work, shared by the worker (for-you.worker.ts) and the in-process fallback:
 * train on the saved papers against the others, score the candidates, explain the top ones.
 * Training yields between chunks (see trainForYouSteps); a newer request makes an older one stop
 * at its next yield, so saving three papers quickly trains once, not three times.
 */
import {
  createForYouCache,
  explainForYou,
  scoreForYou,
  trainForYouSteps,
  type ForYouPaper,
  type ForYouReason,
} from '../domain/for-you';

/** Milliseconds of training between two yields: well inside a frame. */
const SLICE_MS = 8;

export interface RankRequest {
  positives: ForYouPaper[];
  others: ForYouPaper[];
  candidates: ForYouPaper[];
  /** How many of the best candidates get reasons. */
  explain: number;
}

export interface RankResult {
  /** Score of each candidate, in the order given. */
  scores: number[];
  /** Reasons for the best `explain` candidates, by id. */
  reasons: Record<string, ForYouReason>;
  /** Milliseconds spent training and scoring. */
  took: number;
}

/** A ranker keeping what it read across requests (a paper's words are read once). */
export function createRanker() {
  const cache = createForYouCache();
  let latest = 0;
  return async function rank(request: RankRequest, yieldNow: () => Promise<void>) {
    const id = ++latest;
    const started = performance.now();
    const steps = trainForYouSteps(request.positives, request.others, { cache });
    // Steps run until a slice of SLICE_MS is used, then the thread is given back (a newer
    // request, or in the fallback the page, gets its turn).
    let step = steps.next();
    let slice = performance.now();
    while (!step.done) {
      if (performance.now() - slice > SLICE_MS) {
        await yieldNow();
        if (id !== latest) return null;
        slice = performance.now();
      }
      step = steps.next();
    }
    const model = step.value;
    const scores = scoreForYou(model, request.candidates, cache);
    const best = request.candidates
      .map((paper, i) => ({ paper, score: scores[i]! }))
      .sort((a, b) => b.score - a.score)
      .slice(0, request.explain);
    const reasons: Record<string, ForYouReason> = {};
    for (const { paper } of best)
      reasons[paper.id] = explainForYou(model, paper, request.positives, { cache });
    return { scores, reasons, took: performance.now() - started } satisfies RankResult;
  };
}
