import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPaper } from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import { createSearch, highlight, withinOneEdit, withinTwoEdits } from '../../src/domain/search';
import { STOP_WORDS, containsRun, tokenize } from '../../src/domain/tokenize';
import { seedText } from '../helpers';

const papers = parseDigest(seedText(), { year: 2025 }).map(buildPaper);
const engine = createSearch(
  papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })),
);
const titles = (q: string) => engine.search(q).map((h) => papers[h.index]!.title);

describe('search on the seed digest', () => {
  it('finds words in titles and abstracts', () => {
    expect(titles('MEDIDA')).toHaveLength(2);
    expect(titles('Kuramoto-Sivashinsky')[0]).toMatch(
      /^Discovery of interpretable structural model errors/,
    );
  });

  it('forgives one typo', () => {
    expect(titles('assimilaton')).toEqual(titles('assimilation'));
    expect(titles('assimilaton').length).toBeGreaterThan(0);
    expect(titles('retreival')).toEqual(titles('retrieval'));
    expect(titles('sparsenref')).toContain(
      'SparseNeRF: Distilling Depth Ranking for Few-shot Novel View Synthesis',
    );
  });

  it('completes the word being typed, but not a finished one', () => {
    expect(titles('autoenc').length).toBeGreaterThan(0);
    expect(titles('autoenc ')).toEqual([]);
  });

  it('needs every word, and ranks papers with all words in the title first', () => {
    const hits = engine.search('sparse retrieval');
    expect(hits.length).toBeGreaterThan(2);
    const firstNotInTitle = hits.findIndex((h) => !h.inTitle);
    expect(firstNotInTitle).toBeGreaterThan(0);
    expect(hits.slice(firstNotInTitle).every((h) => !h.inTitle)).toBe(true);
    for (const h of hits.slice(0, firstNotInTitle))
      expect(papers[h.index]!.title.toLowerCase()).toMatch(
        /sparse[\s\S]*retriev|retriev[\s\S]*sparse/,
      );
  });

  it('when no paper has every word, gives the papers with the most of them, and says so', () => {
    const all = engine.rank('sparse retrieval');
    expect(all.partial).toBeUndefined();
    const most = engine.rank('sparse retrieval zebra');
    expect(most.partial).toEqual({ matched: 2, words: 3 });
    expect([...most.indexes].sort()).toEqual([...all.indexes].sort());
    // One word that matches nothing at all, alone: nothing, not a fallback.
    expect(engine.rank('zebraqq').indexes).toHaveLength(0);
  });

  it('ignores stop words and very long pasted queries without failing', () => {
    expect(titles('the sparse autoencoders of')).toEqual(titles('sparse autoencoders'));
    expect(() => engine.search('x'.repeat(10_000))).not.toThrow();
    expect(() => engine.search(`${'sparse '.repeat(2000)}`)).not.toThrow();
    expect(engine.search('')).toEqual([]);
  });

  it('leaves out papers with a -word and its completions; a hyphen inside a word is no exclusion', () => {
    const sparse = titles('sparse');
    const withoutVision = titles('sparse -vision');
    expect(withoutVision.length).toBeGreaterThan(0);
    expect(withoutVision.length).toBeLessThan(sparse.length);
    for (const h of engine.search('sparse -vision')) {
      const text = `${papers[h.index]!.title} ${papers[h.index]!.abstract}`;
      expect(tokenize(text).some((t) => t.startsWith('vision'))).toBe(false);
    }
    // Only words to leave out: every other paper.
    expect(titles('-sparse').length).toBe(papers.length - sparse.length);
    // The leftover words are still what is searched and highlighted.
    expect(engine.search('sparse -vision')[0]!.matches).not.toContain('vision');
    expect(engine.queryWords('sparse -vision')).toEqual(['sparse']);
    expect(titles('few-shot')).toEqual(titles('few shot'));
    expect(titles('few-shot').length).toBeGreaterThan(0);
  });

  it('finds "quoted words" only together and in order, in the title or the abstract', () => {
    const loose = titles('synthesis view ');
    expect(loose.length).toBeGreaterThan(0);
    expect(titles('"synthesis view"')).toEqual([]);
    const together = engine.search('"novel view synthesis"');
    expect(together.length).toBeGreaterThan(0);
    expect(together.length).toBeLessThanOrEqual(loose.length);
    for (const h of together) {
      const p = papers[h.index]!;
      const run = ['novel', 'view', 'synthesis'];
      expect(containsRun(tokenize(p.title), run) || containsRun(tokenize(p.abstract), run)).toBe(
        true,
      );
    }
    // Curly quotes work too; an unclosed quote is just words.
    expect(titles('\u201cnovel view synthesis\u201d')).toEqual(titles('"novel view synthesis"'));
    expect(titles('"synthesis view ')).toEqual(loose);
  });

  it('reports the terms it matched, for highlighting', () => {
    const [hit] = engine.search('assimilaton');
    expect(hit!.matches).toContain('assimilation');
  });
});

describe('highlight', () => {
  it('marks whole words whose folded form matched, as text parts', () => {
    expect(highlight('Sparse <b>NeRF</b> and sparsity', ['sparse', 'nerf'])).toEqual([
      { text: 'Sparse', hit: true },
      { text: ' <b>', hit: false },
      { text: 'NeRF', hit: true },
      { text: '</b> and sparsity', hit: false },
    ]);
    expect(highlight('Schrödinger', ['schrodinger'])).toEqual([{ text: 'Schrödinger', hit: true }]);
    expect(highlight('nothing', [])).toEqual([{ text: 'nothing', hit: false }]);
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['assimilation', 'assimilaton', true],
    ['retrieval', 'retreival', true],
    ['sparse', 'sparse', true],
    ['sparse', 'spares', true],
    ['sparse', 'spark', false],
    ['abc', 'abcde', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe('two typos in long words', () => {
  const search = createSearch([
    { id: 'pops', title: 'Photo-Inspired Diffusion Operators', abstract: 'Image editing.' },
    { id: 'bench', title: 'Automatic Code Benchmark Generators', abstract: 'Code tasks.' },
    { id: 'motion', title: 'Segment Any Motion in Videos', abstract: 'Tracking.' },
  ]);
  const ids = (q: string) => search.search(q).map((h) => h.id);

  it('finds a title when a word of 9+ letters has two typos', () => {
    // A letter doubled in the wrong place, and two letters too many: real misspellings.
    expect(ids('difussion operators')).toEqual(['pops']);
    expect(ids('automatical benchmark')).toEqual(['bench']);
    expect(search.search('difussion ')[0]!.matches).toContain('diffusion');
  });

  it('forgives only one typo in shorter words, where two would match unrelated words', () => {
    expect(ids('vidoes ')).toEqual(['motion']);
    expect(ids('vedios ')).toEqual([]);
  });
});

describe('withinTwoEdits against a plain edit-distance table', () => {
  // Optimal string alignment distance, the whole table, no shortcuts.
  const distance = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) =>
      Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(
          d[i - 1]![j]! + 1,
          d[i]![j - 1]! + 1,
          d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    return d[a.length]![b.length]!;
  };
  it('agrees on short strings over a small alphabet', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(withinTwoEdits(a, b)).toBe(distance(a, b) <= 2);
      }),
      { seed: 14, numRuns: 2000 },
    );
  });
});

describe('search against a trivially correct model', () => {
  // Exact words only (no prefix, no typos): the hits are exactly the documents with every word.
  // The model is written from scratch here (documents are words joined by single spaces, none a
  // stop word), so it shares no code with the tokenizer it checks.
  const words = (text: string) => text.split(' ').filter(Boolean);
  const termsOf = (d: { title: string; abstract: string }) =>
    new Set([...words(d.title), ...words(d.abstract)]);
  const hasPair = (text: string, a: string, b: string) => ` ${text} `.includes(` ${a} ${b} `);
  const vocabulary = [
    'alpha',
    'beta',
    'gamma',
    'delta',
    'sparse',
    'dense',
    'model',
    'graph',
    'token',
    'pixel',
  ];
  const doc = fc.record({
    title: fc
      .array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 6 })
      .map((w) => w.join(' ')),
    abstract: fc
      .array(fc.constantFrom(...vocabulary), { minLength: 0, maxLength: 20 })
      .map((w) => w.join(' ')),
  });
  it('has no stop word in its vocabulary (else the model above would be wrong)', () => {
    expect(vocabulary.filter((w) => STOP_WORDS.has(w))).toEqual([]);
  });

  it('returns exactly the documents that contain every query word', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 30 }),
        fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 3 }),
        (docs, query) => {
          const search = createSearch(docs.map((d, i) => ({ id: `d${i}`, ...d })));
          const got = search
            .search(`${query.join(' ')} `, { fuzzy: false, prefix: false })
            .map((h) => h.index)
            .sort((a, b) => a - b);
          const expected = docs
            .map((d, i) => ({ i, terms: termsOf(d) }))
            .filter(({ terms }) => query.every((w) => terms.has(w)))
            .map(({ i }) => i);
          expect(got).toEqual(expected);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('leaves out the documents with a -word, with or without words to find', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 30 }),
        fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (docs, picked, split) => {
          const wanted = picked.slice(0, split);
          const excluded = picked.slice(split);
          if (!excluded.length) return;
          const search = createSearch(docs.map((d, i) => ({ id: `d${i}`, ...d })));
          const query = [...wanted, ...excluded.map((w) => `-${w}`)].join(' ');
          const got = search
            .search(query, { fuzzy: false, prefix: false })
            .map((h) => h.index)
            .sort((a, b) => a - b);
          const expected = docs
            .map((d, i) => ({ i, terms: termsOf(d) }))
            .filter(({ terms }) => wanted.every((w) => terms.has(w)))
            .filter(({ terms }) => !excluded.some((w) => terms.has(w)))
            .map(({ i }) => i);
          expect(got).toEqual(expected);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it('returns exactly the documents with a quoted pair together, in title or abstract', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...vocabulary),
        fc.constantFrom(...vocabulary),
        (docs, a, b) => {
          const search = createSearch(docs.map((d, i) => ({ id: `d${i}`, ...d })));
          const got = search
            .search(`"${a} ${b}"`, { fuzzy: false, prefix: false })
            .map((h) => h.index)
            .sort((x, y) => x - y);
          const expected = docs
            .map((d, i) => ({ d, i }))
            .filter(({ d }) => hasPair(d.title, a, b) || hasPair(d.abstract, a, b))
            .map(({ i }) => i);
          expect(got).toEqual(expected);
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });

  it('ranks a document with every word in the title above one without', () => {
    const search = createSearch([
      {
        id: 'abstract-only',
        title: 'pixel',
        abstract: 'sparse graph sparse graph sparse graph model',
      },
      { id: 'half-title', title: 'sparse token', abstract: 'graph graph graph graph' },
      { id: 'title', title: 'a sparse graph', abstract: 'token' },
    ]);
    const hits = search.search('sparse graph');
    expect(hits.map((h) => h.id)).toEqual(['title', 'half-title', 'abstract-only']);
    // The half-title paper scores higher by BM25; having every word in the title still wins.
    expect(hits[1]!.score).toBeGreaterThan(hits[0]!.score);
    expect(search.search('sparse graph').map((h) => h.inTitle)).toEqual([true, false, false]);
  });
});

describe('hostile records cannot stall the index', () => {
  it('indexes a paper with a 1,000,000-letter author and still finds its other words', () => {
    const monster = 'x'.repeat(1_000_000);
    const engine = createSearch([
      { id: 'a', title: 'Sparse attention', abstract: 'We prune heads.', extra: monster },
      { id: 'b', title: 'Dense attention', abstract: `The ${'y'.repeat(30)} model.`, extra: '' },
    ]);
    // Typing "x" and the long words themselves finds nothing odd, and the rest still works.
    expect(engine.search('x').map((h) => h.id)).toEqual([]);
    expect(engine.search(monster.slice(0, 200)).map((h) => h.id)).toEqual([]);
    expect(engine.search('sparse atention').map((h) => h.id)).toEqual(['a']);
    // A 30-letter word is found exactly, but gets no typo variants.
    expect(engine.search(`${'y'.repeat(30)} `).map((h) => h.id)).toEqual(['b']);
    expect(engine.search(`${'y'.repeat(29)}z `, { prefix: false }).map((h) => h.id)).toEqual([]);
  });
});

describe('compounds, splits and short typos', () => {
  const docs = [
    {
      id: 'a',
      title: 'Parameter-Efficient Fine-Tuning for Tool Use',
      abstract: 'We study end-to-end plug-and-play adapters.',
    },
    {
      id: 'b',
      title: '2DGS-Room: Seed-Guided 2D Gaussian Splatting',
      abstract: 'Indoor scene reconstruction with real-time rendering.',
    },
    {
      id: 'c',
      title: 'A World Model for Voice Agents',
      abstract: 'Agents that talk across many turns.',
    },
    {
      id: 'd',
      title: 'Fine tuning language models',
      abstract: 'Supervised finetuning of large models.',
    },
  ];
  const search = createSearch(docs);
  const ids = (q: string) => search.search(q).map((h) => h.id);

  it('takes a compound with, without and with a space instead of its hyphen as one word', () => {
    expect(ids('finetuning ')).toEqual(expect.arrayContaining(['a', 'd']));
    expect(ids('fine-tuning ')).toEqual(expect.arrayContaining(['a', 'd']));
    expect(ids('fine tuning ')).toEqual(expect.arrayContaining(['a', 'd']));
    expect(ids('tooluse ')).toContain('a');
  });

  it('forgives a typo inside one part of a compound, and a leading digit dropped', () => {
    expect(ids('en-to-end ')).toContain('a');
    expect(ids('plug-nd-play ')).toContain('a');
    expect(ids('real-ime rendering')).toContain('b');
    expect(ids('dgs-room ')).toContain('b');
  });

  it('corrects a short word when the words together match nothing', () => {
    expect(ids('word model voice')[0]).toBe('c');
    expect(ids('vice agents')[0]).toBe('c');
    expect(ids('agents acros turns')[0]).toBe('c');
  });

  it('highlights a compound matched joined from end to end', () => {
    const hit = search.search('finetuning ').find((h) => h.id === 'a')!;
    const parts = highlight(docs[0]!.title, hit.matches);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toContain('Fine-Tuning');
  });
});
