import { describe, expect, it } from 'vitest';
import { parseDigest } from '../../src/domain/digest';
import {
  type SimilarityInput,
  type SimilarityState,
  buildSimilarity,
  nearestNeighbours,
  neighboursOf,
  updateSimilarity,
} from '../../src/domain/similarity';
import { paperIdFromTitle } from '../../src/domain/text';
import { seedText } from '../helpers';

const seed: SimilarityInput[] = parseDigest(seedText(), { year: 2025 }).map((p) => ({
  id: paperIdFromTitle(p.title),
  title: p.title,
  abstract: p.abstract,
}));

/** The dot product of two docs' signatures, as the postings add it up. */
function dot(state: SimilarityState, a: number, b: number): number {
  const sa = state.signatures[a]!;
  const sb = state.signatures[b]!;
  let score = 0;
  for (let i = 0; i < sa.terms.length; i++)
    for (let j = 0; j < sb.terms.length; j++)
      if (sa.terms[i] === sb.terms[j]) score += sa.weights[i]! * sb.weights[j]!;
  return score;
}

/** The ids of `doc`'s exact top k over `candidates`, by brute force over the signatures. */
function bruteTop(state: SimilarityState, doc: number, candidates: Iterable<number>): string[] {
  return [...new Set(candidates)]
    .filter((other) => other !== doc)
    .map((other) => ({ id: state.ids[other]!, score: dot(state, doc, other) }))
    .filter((c) => c.score > 1e-12)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, state.k)
    .map((c) => c.id);
}

const idsOf = (state: SimilarityState, doc: number) => neighboursOf(state, doc).map((n) => n.id);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('nearestNeighbours', () => {
  it('is the full similarity state read as ids with rounded scores', () => {
    const state = buildSimilarity(seed);
    const lists = nearestNeighbours(seed);
    seed.forEach((p, doc) => expect(lists.get(p.id)).toEqual(neighboursOf(state, doc)));
    expect(state.baseCount).toBe(seed.length);
    expect(state.signedSince).toBe(0);
  });
});

describe('updateSimilarity', () => {
  const old = seed.slice(0, 50);
  const added = seed.slice(50);

  it('gives each new paper its exact top k over every signature, and new papers enter old lists only by beating their k-th', () => {
    const state = buildSimilarity(old);
    const before = old.map((_, doc) => neighboursOf(state, doc));
    const oldRows = old.map((_, doc) =>
      range(0, state.k)
        .map((j) => state.neighbourDocs[doc * state.k + j]!)
        .filter((d) => d >= 0),
    );
    const changed = updateSimilarity(state, { added, changed: [] });
    const n = seed.length;
    expect(state.ids).toEqual(seed.map((p) => p.id));
    expect(state.signedSince).toBe(added.length);
    for (let doc = old.length; doc < n; doc++) {
      expect(idsOf(state, doc)).toEqual(bruteTop(state, doc, range(0, n)));
      expect(changed.has(doc)).toBe(true);
    }
    // An old list: its old entries (old signatures, scores kept) and the new papers, best k.
    for (let doc = 0; doc < old.length; doc++) {
      const expected = bruteTop(state, doc, [...oldRows[doc]!, ...range(old.length, n)]);
      expect(idsOf(state, doc)).toEqual(expected);
      const same = JSON.stringify(before[doc]) === JSON.stringify(neighboursOf(state, doc));
      expect(changed.has(doc)).toBe(!same);
    }
  });

  it('puts a new paper first in the list of an old paper it nearly repeats', () => {
    const state = buildSimilarity(old);
    const target = old[7]!;
    const twin = {
      id: 'a-revised-version',
      title: `${target.title} (revised)`,
      abstract: target.abstract,
    };
    const changed = updateSimilarity(state, { added: [twin], changed: [] });
    expect(neighboursOf(state, 7)[0]).toMatchObject({ id: twin.id });
    expect(neighboursOf(state, old.length)[0]).toMatchObject({ id: target.id });
    expect(changed.has(7)).toBe(true);
    // Papers it has nothing to do with keep their lists and are not reported.
    const untouched = old.findIndex((_, doc) => !changed.has(doc));
    expect(untouched).toBeGreaterThanOrEqual(0);
  });

  it('leaves no list holding a score from text that changed', () => {
    const state = buildSimilarity(seed);
    // The paper most often listed as similar gets an unrelated text.
    const listed = new Map<number, number>();
    for (const d of state.neighbourDocs) if (d >= 0) listed.set(d, (listed.get(d) ?? 0) + 1);
    const doc = [...listed].sort((a, b) => b[1] - a[1])[0]![0];
    const holders = seed.map((_, q) => q).filter((q) => idsOf(state, q).includes(seed[doc]!.id));
    expect(holders.length).toBeGreaterThan(1);
    const after = {
      id: seed[doc]!.id,
      title: 'Sourdough fermentation schedules for rye bread',
      abstract:
        'Rye sourdough ferments faster in warm kitchens; we time starters, dough and proofing.',
    };
    const changed = updateSimilarity(state, {
      added: [],
      changed: [{ doc, before: seed[doc]!, after }],
    });
    const n = seed.length;
    for (const q of holders) {
      // Computed again in full from every (current) signature.
      expect(idsOf(state, q)).toEqual(bruteTop(state, q, range(0, n)));
      expect(changed.has(q)).toBe(true);
    }
    expect(idsOf(state, doc)).toEqual(bruteTop(state, doc, range(0, n)));
    for (const q of range(0, n))
      for (const ref of neighboursOf(state, q))
        if (ref.id === after.id) expect(ref.score).toBeCloseTo(dot(state, q, doc), 3);
  });

  it('changes nothing when there is nothing to add', () => {
    const state = buildSimilarity(seed);
    const docs = state.neighbourDocs.slice();
    expect(updateSimilarity(state, { added: [], changed: [] }).size).toBe(0);
    expect(state.neighbourDocs).toEqual(docs);
  });
});
