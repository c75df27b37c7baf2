/**
 * The typo (deletion) index is built on the first All-days search's path, so it is built
 * without making strings and with a radix sort (issue 23): it must hold exactly what the plain
 * construction holds, in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ranker, type IndexFacts } from '../../src/domain/search-core';
import { fnv1a } from '../../src/domain/text';

/** Every one-letter deletion of every term of 4 to 24 letters (and the term), by hash, then term. */
function plainIndex(terms: readonly string[]) {
  const pairs: [number, number][] = [];
  terms.forEach((term, id) => {
    if (term.length < 4 || term.length > 24) return;
    pairs.push([fnv1a(term), id]);
    for (let i = 0; i < term.length; i++)
      pairs.push([fnv1a(term.slice(0, i) + term.slice(i + 1)), id]);
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { hash: pairs.map((p) => p[0]), term: pairs.map((p) => p[1]) };
}

const indexOf = (terms: string[]) =>
  new Ranker({ terms } as unknown as IndexFacts, () => ({
    docs: new Int32Array(0),
    tfs: new Uint32Array(0),
  })).deletionIndex();

describe('the typo index', () => {
  it('holds every deletion of every term, ordered by hash then term', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'é', 's', 't'), maxLength: 26 }),
        ),
        (terms) => {
          const built = indexOf(terms);
          const plain = plainIndex(terms);
          expect(Array.from(built.hash)).toEqual(plain.hash);
          expect(Array.from(built.term)).toEqual(plain.term);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds a word typed with one letter wrong', () => {
    const terms = ['diffusion', 'transformer', 'gaussian', 'splatting'];
    const { hash, term } = indexOf(terms);
    // "gausian" is "gaussian" with an s left out (either s): its hash is among gaussian's.
    const h = fnv1a('gausian');
    const found = Array.from(hash).flatMap((x, i) => (x === h ? [terms[term[i]!]] : []));
    expect(new Set(found)).toEqual(new Set(['gaussian']));
  });
});
