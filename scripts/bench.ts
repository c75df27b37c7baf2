/**
 * npm run bench [-- --json] [-- --sizes 1000,5000,20000]
 *
 * Search speed and relevance: Paperboy's index against the fuse.js baseline (title + abstract,
 * ignoreLocation, threshold 0.3), on the same corpora and queries, in one process. Prints a
 * table (or one JSON object with --json). Corpora come from ../shared/corpus at run time.
 */
import Fuse from 'fuse.js';
import { createSearch, type SearchEngine } from '../src/domain/search.ts';
import { STOP_WORDS, tokenize } from '../src/domain/tokenize.ts';
import type { RawPaper } from '../src/domain/digest.ts';
import { buildCorpus, readRealPapers, seeded } from './corpus.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const sizesArg = args[args.indexOf('--sizes') + 1];
const SIZES =
  args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [1000, 5000, 20000];
const log = (line: string) => {
  if (!json) process.stderr.write(`${line}\n`);
};

/** The fixed query set: single words, phrases, typos, and prefixes as typed letter by letter. */
const WORDS = [
  'diffusion',
  'transformer',
  'reinforcement',
  'quantization',
  'benchmark',
  'agent',
  'multimodal',
  'retrieval',
  'segmentation',
  'robot',
];
const PHRASES = [
  'large language model reasoning',
  'gaussian splatting',
  'mixture of experts',
  'video generation benchmark',
  'sparse autoencoder',
  'reinforcement learning from human feedback',
  'vision language model hallucination',
  'speculative decoding',
  'text to image diffusion',
  'long context',
];
const TYPOS = [
  'assimilaton',
  'retreival augmented generation',
  'difusion model',
  'transfomer',
  'reinforcment learning',
  'quantisation llm',
  'gausian splatting',
  'benchmrk',
  'halucination',
  'segmentaton',
];
const TYPED = ['diffusion', 'retrieval', 'quantization'].flatMap((w) =>
  Array.from({ length: w.length }, (_, i) => w.slice(0, i + 1)),
);
const TYPED_PHRASE = 'sparse attention';
const QUERIES = [
  ...WORDS,
  ...PHRASES,
  ...TYPOS,
  ...TYPED,
  ...Array.from({ length: TYPED_PHRASE.length }, (_, i) => TYPED_PHRASE.slice(0, i + 1)).filter(
    (q) => q.trim(),
  ),
];

interface Engine {
  name: string;
  build(papers: readonly RawPaper[]): void;
  search(q: string): number[];
}

function paperboyEngine(): Engine {
  let engine: SearchEngine | null = null;
  return {
    name: 'paperboy',
    build: (papers) => {
      engine = createSearch(
        papers.map((p, i) => ({ id: String(i), title: p.title, abstract: p.abstract })),
      );
    },
    search: (q) => engine!.search(q).map((h) => h.index),
  };
}

function fuseEngine(): Engine {
  let fuse: Fuse<RawPaper> | null = null;
  return {
    name: 'fuse.js',
    build: (papers) => {
      fuse = new Fuse(papers as RawPaper[], {
        keys: ['title', 'abstract'],
        ignoreLocation: true,
        threshold: 0.3,
      });
    },
    search: (q) => fuse!.search(q).map((r) => r.refIndex),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

function timeQueries(engine: Engine, queries: readonly string[]) {
  for (const q of queries.slice(0, 10)) engine.search(q); // warm up the JIT
  const times = queries.map((q) => {
    const start = performance.now();
    engine.search(q);
    return performance.now() - start;
  });
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), queries: queries.length };
}

/** Known-item queries for a sample of real papers: distinctive title words with one typo, and distinctive abstract words. */
function knownItems(corpus: readonly RawPaper[], realCount: number, sample: number, seed: number) {
  const random = seeded(seed);
  const df = new Map<string, number>();
  for (const p of corpus)
    for (const t of new Set(tokenize(`${p.title} ${p.abstract}`))) df.set(t, (df.get(t) ?? 0) + 1);
  const distinctive = (text: string, exclude: Set<string>) =>
    [...new Set(tokenize(text))]
      .filter((t) => t.length >= 4 && !STOP_WORDS.has(t) && !/^\d+$/.test(t) && !exclude.has(t))
      .sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : 1));
  const typo = (word: string) => {
    const i = 1 + Math.floor(random() * (word.length - 2));
    const op = Math.floor(random() * 3);
    if (op === 0) return word.slice(0, i) + word.slice(i + 1); // deletion
    if (op === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    return word.slice(0, i) + letters[Math.floor(random() * 26)] + word.slice(i + 1); // substitution
  };
  const picked = new Set<number>();
  while (picked.size < Math.min(sample, realCount)) picked.add(Math.floor(random() * realCount));
  return [...picked].map((index) => {
    const paper = corpus[index]!;
    const titleWords = distinctive(paper.title, new Set());
    const k = 2 + Math.floor(random() * 3);
    const chosen = titleWords.slice(0, k);
    const typoAt = chosen.findIndex((w) => w.length >= 5);
    if (typoAt >= 0) chosen[typoAt] = typo(chosen[typoAt]!);
    const abstractWords = distinctive(paper.abstract, new Set(tokenize(paper.title))).slice(0, 3);
    return {
      index,
      titleQuery: `${chosen.join(' ')} `,
      abstractQuery: `${abstractWords.join(' ')} `,
    };
  });
}

function relevance(engine: Engine, items: ReturnType<typeof knownItems>) {
  let title = 0;
  let abstract = 0;
  for (const item of items) {
    if (engine.search(item.titleQuery).slice(0, 5).includes(item.index)) title++;
    if (engine.search(item.abstractQuery).slice(0, 10).includes(item.index)) abstract++;
  }
  return {
    sample: items.length,
    titleTop5: title / items.length,
    abstractTop10: abstract / items.length,
  };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const real = readRealPapers();
log(`read ${real.length.toLocaleString('en-US')} real papers; ${QUERIES.length} queries`);
// fuse.js takes seconds per query at 20,000 papers: it runs every query at 1,000 papers and a
// fixed subset (every third query) at larger sizes, and its relevance is measured on fewer papers.
const FUSE_SUBSET = QUERIES.filter((_, i) => i % 3 === 0);
const result: Record<string, unknown>[] = [];
for (const size of SIZES) {
  const corpus = buildCorpus(real, size);
  const realCount = Math.min(size, real.length);
  const row: Record<string, unknown> = {
    size,
    realPapers: realCount,
    variations: size - realCount,
  };
  for (const engine of [paperboyEngine(), fuseEngine()]) {
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    engine.build(corpus);
    const buildMs = performance.now() - start;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    const queries = engine.name === 'fuse.js' && size > 1000 ? FUSE_SUBSET : QUERIES;
    log(
      `  ${size.toLocaleString('en-US')} papers, ${engine.name}: built in ${fmt(buildMs)} ms; timing ${queries.length} queries…`,
    );
    const timing = timeQueries(engine, queries);
    const sample = engine.name === 'fuse.js' ? (size <= 1000 ? 100 : 0) : 500;
    log(
      `  ${size.toLocaleString('en-US')} papers, ${engine.name}: known-item search on ${sample} papers…`,
    );
    const rel = sample ? relevance(engine, knownItems(corpus, realCount, sample, 2025)) : null;
    // The speed ratio compares the two engines on the same queries.
    const sameAsFuse =
      engine.name === 'paperboy' && size > 1000 ? timeQueries(engine, FUSE_SUBSET) : timing;
    row[engine.name] = { buildMs, heapMb, ...timing, onFuseQueries: sameAsFuse, relevance: rel };
  }
  const pb = (row.paperboy as { onFuseQueries: { p50: number; p95: number } }).onFuseQueries;
  const fu = row['fuse.js'] as { p50: number; p95: number };
  row.speedup = { p50: fu.p50 / pb.p50, p95: fu.p95 / pb.p95 };
  result.push(row);
}

// Paperboy's relevance on the same 100 papers fuse.js was judged on, for a like-for-like figure.
{
  const corpus = buildCorpus(real, 1000);
  const items = knownItems(corpus, 1000, 100, 2025);
  const pb = paperboyEngine();
  pb.build(corpus);
  result.push({ size: 1000, likeForLike: relevance(pb, items) });
}

if (json) {
  process.stdout.write(
    `${JSON.stringify({ node: process.version, queries: QUERIES.length, fuseQueriesAbove1000: FUSE_SUBSET.length, results: result }, null, 2)}\n`,
  );
} else {
  const lines = [
    '| papers | engine | index build | p50 query | p95 query | title words + typo in top 5 | abstract words in top 10 |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of result) {
    if (row.likeForLike) continue;
    for (const name of ['paperboy', 'fuse.js']) {
      const r = row[name] as {
        buildMs: number;
        p50: number;
        p95: number;
        queries: number;
        relevance: { sample: number; titleTop5: number; abstractTop10: number } | null;
      };
      const rel = r.relevance
        ? `${pct(r.relevance.titleTop5)} (n=${r.relevance.sample})`
        : 'not run';
      const rel2 = r.relevance ? pct(r.relevance.abstractTop10) : 'not run';
      lines.push(
        `| ${(row.size as number).toLocaleString('en-US')} | ${name} | ${fmt(r.buildMs)} ms | ${fmt(r.p50)} ms | ${fmt(r.p95)} ms | ${rel} | ${rel2} |`,
      );
    }
    const s = row.speedup as { p50: number; p95: number };
    lines.push(
      `| | **speed-up** (same queries) | | **${s.p50.toFixed(0)}×** | **${s.p95.toFixed(0)}×** | | |`,
    );
  }
  const like = result.find((r) => r.likeForLike)?.likeForLike as {
    titleTop5: number;
    abstractTop10: number;
    sample: number;
  };
  lines.push(
    '',
    `Like for like on fuse.js's 100 papers at 1,000: Paperboy ${pct(like.titleTop5)} title / ${pct(like.abstractTop10)} abstract.`,
  );
  lines.push(
    `Queries: ${QUERIES.length} (fuse.js above 1,000 papers: ${FUSE_SUBSET.length} of them). Node ${process.version}.`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
