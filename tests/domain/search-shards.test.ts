import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPaper } from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import { EMPTY_QUERY, runQuery } from '../../src/domain/feed';
import type { Paper } from '../../src/domain/schema';
import { createSearch, type RankedHits } from '../../src/domain/search';
import { buildShardIndex, type ShardIndex } from '../../src/domain/search-shards-build';
import {
  ByteReader,
  ByteWriter,
  readFrequencies,
  readTerms,
  shardFiles,
  SHARD_FORMAT,
  writeFrequencies,
  writeTerms,
} from '../../src/domain/search-shards-format';
import { ShardedSearch, manifestProblem } from '../../src/domain/search-shards';
import { searchDocument } from '../../src/domain/search-text';
import { seedText } from '../helpers';

const DATES = ['2025-09-15', '2025-09-16', '2025-09-17', '2025-09-18', '2025-09-19'];

/** The seed digest's papers spread over five days, so the index has several. */
function seedDays(): Map<string, Paper[]> {
  const papers = parseDigest(seedText(), { year: 2025 }).map(buildPaper);
  const days = new Map<string, Paper[]>();
  papers.forEach((p, i) => {
    const date = DATES[i % DATES.length]!;
    days.set(date, [...(days.get(date) ?? []), { ...p, date }]);
  });
  return days;
}

/** A reader of `index` with no postings loaded, as a browser opens it. */
function open(index: ShardIndex, decodedBudget?: number): ShardedSearch {
  const paths = shardFiles(index.manifest.version);
  return new ShardedSearch(
    {
      manifest: index.manifest,
      ids: index.files.get(paths.ids) as string,
      docs: index.files.get(paths.docs) as Uint8Array,
      terms: index.files.get(paths.terms) as Uint8Array,
    },
    decodedBudget,
  );
}

/** Loads what the query needs, as the archive does, and says how many shards that was. */
function load(reader: ShardedSearch, index: ShardIndex, query: string): number {
  const paths = shardFiles(index.manifest.version);
  // Twice at most: the words' shards, then (when they match nothing together) the retry's.
  let count = 0;
  for (let round = 0; round < 3; round++) {
    const needed = reader.shardsFor(query);
    if (round === 2) expect(needed, `${query}: a third round of shards`).toEqual([]);
    for (const k of needed) reader.addShard(k, index.files.get(paths.shard(k)) as Uint8Array);
    count += needed.length;
  }
  return count;
}

const same = (a: RankedHits, b: RankedHits) => {
  expect(Array.from(a.indexes)).toEqual(Array.from(b.indexes));
  expect(Array.from(a.scores)).toEqual(Array.from(b.scores));
  expect(Array.from(a.inTitle)).toEqual(Array.from(b.inTitle));
  expect([...a.matches].sort()).toEqual([...b.matches].sort());
  expect(a.partial).toEqual(b.partial);
};

describe('the split search index on the seed digest', () => {
  const index = buildShardIndex(seedDays(), 'test-1');
  const memory = createSearch(index.papers.map(searchDocument));
  const QUERIES = [
    'sparse',
    'sparse retrieval',
    'sp',
    's',
    'assimilaton',
    'retreival',
    'sparsenref',
    'autoenc',
    'autoenc ',
    'difussion',
    'automatical',
    'neural networks -sparse',
    '-sparse',
    '-sp',
    'the of and',
    'Kuramoto-Sivashinsky',
    'MEDIDA',
    'quantum',
    'zzzz nothing',
    'learning transformer attention model',
    'Schrödinger',
    'sparse retrieval zebra',
    'qqqqxz sparse',
    'finetuning',
    'fine-tuning',
    'kuramoto-sivashinsy',
    'kuramotosivashinsky',
    'plug-and-play',
    'retrieval word',
  ];

  it('is split into many shards, in index order newest day first', () => {
    expect(index.manifest.shards).toBeGreaterThan(8);
    expect(index.manifest.days.map((d) => d.date)).toEqual([...DATES].reverse());
    expect(index.manifest.papers).toBe(63);
    expect(index.papers[0]!.date).toBe('2025-09-19');
  });

  it('ranks every query exactly as the engine built in memory, loading only its shards', () => {
    for (const q of QUERIES) {
      const reader = open(index);
      const loaded = load(reader, index, q);
      expect(loaded, q).toBeLessThan(index.manifest.shards);
      same(reader.rank(q), memory.rank(q));
      expect(reader.queryWords(q)).toEqual(memory.queryWords(q));
    }
  });

  it("ranks the same when it keeps almost nothing decoded (so a long session's heap is bounded)", () => {
    const reader = open(index, 1);
    for (const q of [...QUERIES, ...QUERIES]) {
      load(reader, index, q);
      same(reader.rank(q), memory.rank(q));
    }
  });

  it('loads a shard once, and nothing for a word that matches no term', () => {
    const reader = open(index);
    expect(load(reader, index, 'sparse')).toBeGreaterThan(0);
    expect(reader.shardsFor('sparse')).toEqual([]);
    // "qqqqxz" loads nothing; "sparse" alone is the fallback, corrected as a retry would.
    load(reader, index, 'qqqqxz sparse');
    expect(reader.shardsFor('qqqqxz sparse')).toEqual([]);
    const hits = reader.rank('qqqqxz sparse');
    expect(hits.partial).toEqual({ matched: 1, words: 2 });
    expect(hits.indexes.length).toBeGreaterThan(0);
    expect(reader.shardCount.loaded).toBeLessThan(reader.shardCount.total);
  });

  it('fetches one shard for the second letter of a word: its commonest completions together', () => {
    // Shards of one term each but for the heads: without them, 'sp' would be a dozen.
    const small = buildShardIndex(seedDays(), 'test-1', { shardBytes: 1 });
    for (const q of ['sp', 'tr', 're', 'di', 'le', 'co', 'learning tr']) {
      const reader = open(small);
      if (q.includes(' ')) load(reader, small, 'learning ');
      const needed = reader.shardsFor(q);
      // The head shard, and the shard of the two letters as a word of their own where there is one.
      expect(needed.length, q).toBeGreaterThan(0);
      expect(needed.length, q).toBeLessThanOrEqual(2);
      load(reader, small, q);
      same(reader.rank(q), memory.rank(q));
    }
  });

  it('says it cannot check quoted phrases instead of answering wrongly', () => {
    const reader = open(index);
    expect(reader.canAnswer('"sparse retrieval"')).toBe(false);
    expect(reader.canAnswer('sparse retrieval')).toBe(true);
    expect(() => reader.rank('"sparse retrieval"')).toThrow(
      'the split search index cannot check quoted phrases: search the papers',
    );
  });

  it('filters, counts and sorts through runQuery as the papers themselves do', () => {
    const reader = open(index);
    expect(reader.hasTitleOrder).toBe(false);
    reader.addTitleOrder(index.files.get(shardFiles(index.manifest.version).order) as Uint8Array);
    expect(reader.hasTitleOrder).toBe(true);
    for (const sort of ['title', 'newest', 'upvotes', 'relevance'] as const)
      for (const q of ['', 'sparse', 'learning -sparse']) {
        load(reader, index, q);
        const query = { ...EMPTY_QUERY, q, sort, topics: index.manifest.topics.slice(0, 2) };
        const fromShards = runQuery(reader.papers, reader, query);
        const fromPapers = runQuery(index.papers, memory, query);
        expect(fromShards.indexes).toEqual(fromPapers.indexes);
        expect(fromShards.topicCounts).toEqual(fromPapers.topicCounts);
        expect(fromShards.codeCount).toBe(fromPapers.codeCount);
      }
  });

  it('finds a paper by id', () => {
    const reader = open(index);
    expect(reader.indexOf(index.papers[5]!.id)).toBe(5);
    expect(reader.indexOf('no-such-paper')).toBe(-1);
  });

  it('finds every paper by id, whether a result remembered it, the idle map has it, or neither', () => {
    const n = index.papers.length;
    const top = Int32Array.from([n - 1, 3, 0]);
    for (const warmed of [false, true]) {
      const reader = open(index);
      reader.remember(top, 2);
      if (warmed) reader.warmIds();
      // Remembered first, then ones it was never told of, in an order a map built late would miss.
      expect(reader.indexOf(index.papers[n - 1]!.id)).toBe(n - 1);
      expect(reader.indexOf(index.papers[3]!.id)).toBe(3);
      for (let d = n - 1; d >= 0; d--) expect(reader.indexOf(index.papers[d]!.id)).toBe(d);
      expect(reader.indexOf('no-such-paper')).toBe(-1);
    }
  });
});

describe('the split search index against the in-memory engine (property)', () => {
  const WORDS = ['sparse', 'spares', 'spars', 'attention', 'atention', 'model', 'models', 'graph'];
  const WORDS2 = ['transformer', 'transfromer', 'retrieval', 'diffusion', 'difusion', 'a', 'of'];
  const word = fc.constantFrom(...WORDS, ...WORDS2);
  const text = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
  const paper = fc.record({ title: text, abstract: text, upvotes: fc.nat(5) });

  it('gives the same hits, scores and order for any papers and query', () => {
    fc.assert(
      fc.property(
        fc.array(paper, { minLength: 1, maxLength: 40 }),
        fc.array(
          fc.oneof(
            word,
            word.map((w) => `-${w}`),
            word.map((w) => w.slice(0, 3)),
            word.map((w) => w.slice(0, 2)),
          ),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        fc.boolean(),
        (raw, queryWords, finished) => {
          const days = new Map<string, Paper[]>();
          raw.forEach((r, i) => {
            const date = DATES[i % 3]!;
            const p: Paper = {
              id: `p-${i}`,
              date,
              title: r.title,
              abstract: r.abstract,
              topics: [],
              evidence: {},
              links: [],
              wordCount: 1,
              upvotes: r.upvotes,
            };
            days.set(date, [...(days.get(date) ?? []), p]);
          });
          const index = buildShardIndex(days, 'prop', { shardBytes: 16 });
          const memory = createSearch(index.papers.map(searchDocument));
          const reader = open(index);
          const q = queryWords.join(' ') + (finished ? ' ' : '');
          load(reader, index, q);
          same(reader.rank(q), memory.rank(q));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the byte codec', () => {
  it('reads back the numbers it wrote', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat()), (numbers) => {
        const out = new ByteWriter();
        for (const n of numbers) out.uint(n);
        const input = new ByteReader(out.finish(), 'test');
        expect(numbers.map(() => input.uint())).toEqual(numbers);
        expect(input.done).toBe(true);
      }),
    );
  });

  it('reads back sorted terms, astral letters included', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme', maxLength: 8 })), (words) => {
        const terms = [...words].sort();
        const out = new ByteWriter();
        writeTerms(out, terms);
        expect(readTerms(new ByteReader(out.finish(), 'test'))).toEqual(terms);
      }),
    );
    const terms = ['𝒜b', '𝒜c', '𝒝'].sort();
    const out = new ByteWriter();
    writeTerms(out, terms);
    expect(readTerms(new ByteReader(out.finish(), 'test'))).toEqual(terms);
  });

  it('packs term frequencies as search.ts does', () => {
    for (const [t, a, x] of [
      [0, 1, 0],
      [2, 4095, 2],
      [3, 0, 3],
      [255, 7, 255],
    ] as const) {
      const out = new ByteWriter();
      writeFrequencies(out, t, a, x);
      expect(readFrequencies(new ByteReader(out.finish(), 'test'))).toBe(
        (t | (a << 8) | (x << 20)) >>> 0,
      );
    }
  });

  it('names the file that is cut short', () => {
    const input = new ByteReader(new Uint8Array([0x80]), 'shard 3 of the search index');
    expect(() => input.uint()).toThrow(
      'shard 3 of the search index ends in the middle of a number: the file is truncated',
    );
  });

  it('tells a manifest it cannot read', () => {
    expect(manifestProblem(null)).toBe('the search manifest is not an object');
    expect(manifestProblem({ format: 99 })).toBe(
      'the search index has format 99; this Paperboy reads format 3',
    );
    expect(manifestProblem({ format: 2, version: 'x' })).toBe(
      'the search index has format 2; this Paperboy reads format 3',
    );
    expect(manifestProblem({ format: SHARD_FORMAT, version: 'x' })).toBe(
      'the search manifest lacks its version, sizes, days or topics',
    );
  });
});
