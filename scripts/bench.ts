/**
 * npm run bench [-- --sizes 1000,5000,20000] [--json] [--sample 400] [--timing 60]
 *   [--fuse-budget 5] [--fuse-sample 0] [--sessions 10] [--seed 2025]
 *   [--engines paperboy,fuse-default,fuse-extended,fuse-token,minisearch]
 *   [--skip speed,pagefind,days,relevance] [--half tune] [--errors]
 *
 * Engines (scripts/bench-engines.ts): paperboy, fuse-default, fuse-extended, fuse-token,
 * fuse-extended-location (not run by default), minisearch; Pagefind runs unless skipped.
 *
 * Search speed and relevance of Paperboy's index (createSearch) against fuse.js (default,
 * extended and token search), MiniSearch and Pagefind, on the same papers and queries, in one
 * process; every ratio is against Paperboy measured in the same run. Corpora come from
 * ../shared/corpus at run time. Three parts:
 *
 * 1. At each size (buildCorpus: the real papers, then variations): index build, memory, per-query
 *    time p50/p95 on the current query set (words, phrases, typos, prefixes typed letter by
 *    letter) and on the neutral sets of scripts/queries.ts drawn from that corpus, and relevance
 *    on those neutral queries, tune / held-out. fuse.js scans every paper per query, so each
 *    fuse.js configuration gets `--fuse-budget` seconds of queries per size (interleaved over
 *    the sets; the table says how many it ran).
 * 2. The archive case, at each size: Pagefind's index as a static host stores it, the bytes a
 *    cold search session of 5 queries fetches (showing 10 results each) and its latency in Node,
 *    beside the day files, which All days downloads where the site has no split index (`days`).
 * 3. Relevance on the whole corpus: both files of ../shared/corpus, deduplicated by arXiv id,
 *    `--sample` queries per set, tune / held-out, against the targets of issue 14. fuse.js runs
 *    here only with `--fuse-sample N` (N queries per set; 1–10 s per query at 11,000 papers).
 *
 * `--half tune` prints only the tune half (the loop of changing the ranking); `--errors` lists
 * Paperboy's misses on the tune half of the whole-corpus queries, never the held-out half's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildPaper, dayFile, serialize } from '../src/domain/dataset.ts';
import type { RawPaper } from '../src/domain/formats/raw.ts';
import { DEFAULT_ENGINES, ENGINES, type BenchPaper, type Engine, isFuse } from './bench-engines.ts';
import { buildPagefind, closePagefind, pagefindRuntime } from './bench-pagefind.ts';
import { CORPUS_FILE, buildCorpus, readRealPapers, seeded } from './corpus.ts';
import {
  type Half,
  type Query,
  type QueryPaper,
  abstractQueries,
  documentFrequency,
  keywordQueries,
  knownItemQueries,
  papersByKeyword,
} from './queries.ts';

const CORPUS_2024 = CORPUS_FILE.replace(
  /hf-daily-papers\.jsonl\.gz$/,
  'hf-daily-papers-2024.jsonl.gz',
);

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,20000' },
    json: { type: 'boolean', default: false },
    sample: { type: 'string', default: '400' },
    timing: { type: 'string', default: '60' },
    'fuse-budget': { type: 'string', default: '5' },
    'fuse-sample': { type: 'string', default: '0' },
    sessions: { type: 'string', default: '10' },
    engines: { type: 'string', default: DEFAULT_ENGINES.join(',') },
    skip: { type: 'string', default: '' },
    half: { type: 'string', default: 'both' },
    errors: { type: 'boolean', default: false },
    seed: { type: 'string', default: '2025' },
  },
});
const count = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} takes a whole number, not "${value}"`);
  return n;
};
const SIZES = opts.sizes.split(',').map((s) => count('sizes', s.trim()));
const SAMPLE = count('sample', opts.sample);
const TIMING = count('timing', opts.timing);
const FUSE_BUDGET_MS = count('fuse-budget', opts['fuse-budget']) * 1000;
const FUSE_SAMPLE = count('fuse-sample', opts['fuse-sample']);
const SESSIONS = count('sessions', opts.sessions);
const SEED = count('seed', opts.seed);
const SKIP = new Set(opts.skip.split(',').filter(Boolean));
const ENGINE_NAMES = opts.engines.split(',').filter(Boolean);
for (const name of ENGINE_NAMES)
  if (!ENGINES[name])
    throw new Error(`--engines: no engine "${name}"; known: ${Object.keys(ENGINES).join(', ')}`);
if (!ENGINE_NAMES.includes('paperboy')) ENGINE_NAMES.unshift('paperboy'); // the baseline
const HALVES: Half[] =
  opts.half === 'tune' ? ['tune'] : opts.half === 'held-out' ? ['held-out'] : ['tune', 'held-out'];
const json = opts.json;
const began = performance.now();
const log = (line: string) => {
  if (!json)
    process.stderr.write(
      `${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s ${line}\n`,
    );
};

// Memory figures need a collection before and after building an index.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

if (!existsSync(CORPUS_FILE)) {
  const note = `npm run bench: ${CORPUS_FILE} is absent, so there is nothing to measure. The benchmark reads the shared corpus at run time (see ../shared/corpus/README.md); nothing was run.`;
  if (json) process.stdout.write(`${JSON.stringify({ skipped: note })}\n`);
  else process.stdout.write(`${note}\n`);
  process.exit(0);
}

/** The current query set: single words, phrases, typos, and prefixes as typed letter by letter. */
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
const typed = (w: string) => Array.from({ length: w.length }, (_, i) => w.slice(0, i + 1));
const CURRENT = [
  ...WORDS,
  ...PHRASES,
  ...TYPOS,
  ...['diffusion', 'retrieval', 'quantization'].flatMap(typed),
  ...typed('sparse attention').filter((q) => q.trim()),
];

type SetName = 'current' | 'known-item' | 'abstract' | 'keyword';
const JUDGED: SetName[] = ['known-item', 'abstract', 'keyword'];
const SET_LABEL: Record<SetName, string> = {
  current: 'current',
  'known-item': 'known item, typo, top 5',
  abstract: '3 abstract words, top 10',
  keyword: 'own keyword, tagged in top 10',
};

interface Item {
  set: SetName;
  text: string;
  query?: Query;
}

/** Round-robin over the sets, so a run cut short by a time budget still covers each set. */
function interleave(sets: Item[][]): Item[] {
  const out: Item[] = [];
  for (let i = 0; sets.some((s) => i < s.length); i++)
    for (const s of sets) if (i < s.length) out.push(s[i]!);
  return out;
}

/** How well one result list answers a judged query: 1 or 0, or a share for keyword queries. */
function judge(item: Item, hits: readonly number[], tagged: Map<string, Set<number>>): number {
  const q = item.query!;
  if (item.set === 'known-item') return hits.slice(0, 5).includes(q.index) ? 1 : 0;
  if (item.set === 'abstract') return hits.slice(0, 10).includes(q.index) ? 1 : 0;
  const carriers = tagged.get(q.keyword!)!;
  let found = 0;
  for (const d of hits.slice(0, 10)) if (carriers.has(d)) found++;
  return found / Math.min(10, carriers.size);
}

type Score = Record<Half, { sum: number; n: number }>;
const newScore = (): Score => ({ tune: { sum: 0, n: 0 }, 'held-out': { sum: 0, n: 0 } });
type Relevance = Partial<Record<SetName, Score>>;

interface Run {
  engine: string;
  /** Per item run (by position in the item list): ms, or undefined when not run. */
  times: (number | undefined)[];
  relevance: Relevance;
  ran: number;
}

/** Runs items through a search function, timing each and judging the judged ones. */
async function runItems(
  name: string,
  items: readonly Item[],
  search: (q: string) => number[] | Promise<number[]>,
  tagged: Map<string, Set<number>>,
  budgetMs = Infinity,
  warmUp = 10,
): Promise<Run> {
  for (const item of items.slice(0, warmUp)) await search(item.text);
  const times: (number | undefined)[] = [];
  const relevance: Relevance = {};
  const started = performance.now();
  let ran = 0;
  for (const item of items) {
    // Within the budget: stop before a query that, taking as long as the last, would pass it.
    const last = times.at(-1) ?? 0;
    if (ran && performance.now() - started + last > budgetMs) break;
    const start = performance.now();
    const hits = await search(item.text);
    times.push(performance.now() - start);
    ran++;
    if (item.query) {
      const score = (relevance[item.set] ??= newScore())[item.query.half];
      score.sum += judge(item, hits, tagged);
      score.n++;
    }
  }
  return { engine: name, times, relevance, ran };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const ran = (times: readonly (number | undefined)[]) =>
  times.filter((t): t is number => t !== undefined);

/** p50 and p95 of a run, and the same against the baseline on the items this run ran. */
function speed(run: Run, baseline: Run) {
  const mine = ran(run.times);
  const theirs = run.times
    .map((t, i) => (t === undefined ? undefined : baseline.times[i]))
    .filter((t): t is number => t !== undefined);
  const p50 = percentile(mine, 50);
  const p95 = percentile(mine, 95);
  return {
    queries: mine.length,
    p50,
    p95,
    p50Ratio: p50 / percentile(theirs, 50),
    p95Ratio: p95 / percentile(theirs, 95),
  };
}

const fmtMs = (ms: number) =>
  !Number.isFinite(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
const fmtRatio = (x: number) =>
  !Number.isFinite(x)
    ? '–'
    : x >= 100
      ? `${x.toFixed(0)}×`
      : x >= 10
        ? `${x.toFixed(1)}×`
        : `${x.toFixed(2)}×`;
const fmtBytes = (b: number) =>
  b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(0)} kB` : `${b} B`;
const fmtInt = (n: number) => n.toLocaleString('en-US');
const pctOf = (s: { sum: number; n: number } | undefined) =>
  !s || !s.n ? '–' : `${((s.sum / s.n) * 100).toFixed(1)}%`;
const halves = (score: Score | undefined) =>
  HALVES.map((h) => pctOf(score?.[h])).join(' / ') +
  (score ? ` (n=${HALVES.map((h) => score[h].n).join('/')})` : '');

// ---------------------------------------------------------------------------------------------

/** Both corpus files as query papers, deduplicated by arXiv id (earliest date kept). */
function readWholeCorpus(): QueryPaper[] {
  const keywords = new Map<string, string[]>();
  for (const file of [CORPUS_FILE, CORPUS_2024]) {
    if (!existsSync(file)) continue;
    for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { id?: string; keywords?: unknown };
      if (record.id && Array.isArray(record.keywords))
        keywords.set(
          record.id,
          record.keywords.filter((k): k is string => typeof k === 'string' && !!k.trim()),
        );
    }
  }
  const byId = new Map<string, RawPaper>();
  for (const file of [CORPUS_FILE, CORPUS_2024]) {
    if (!existsSync(file)) continue;
    for (const p of readRealPapers(file)) {
      const id = p.arxivId ?? `${file}:${p.line}`;
      const seen = byId.get(id);
      if (!seen || p.date < seen.date) byId.set(id, p);
    }
  }
  return [...byId.entries()].map(([id, p]) => ({
    id,
    title: p.title,
    abstract: p.abstract,
    keywords: keywords.get(id),
  }));
}

/** The neutral query sets for papers[0..pool), seeded. */
function neutralItems(papers: readonly QueryPaper[], pool: number, perSet: number, seed: number) {
  const df = documentFrequency(papers);
  const random = seeded(seed);
  const known = knownItemQueries(papers, df, perSet, random, pool);
  const abstract = abstractQueries(papers, df, perSet, random, pool);
  const keyword = keywordQueries(papers, perSet, random, pool);
  const asItems = (set: SetName, qs: Query[]) =>
    qs.map((query) => ({ set, text: query.text, query }));
  return {
    'known-item': asItems('known-item', known),
    abstract: asItems('abstract', abstract),
    keyword: asItems('keyword', keyword),
  } satisfies Partial<Record<SetName, Item[]>>;
}

/**
 * Memory in use after a full collection, in bytes: the JS heap and the array buffers outside it
 * (typed arrays keep their data there, so heapUsed alone would miss most of Paperboy's index).
 * V8 frees array buffers after the collection that finds them dead, hence two, a turn apart.
 */
async function memoryNow() {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

async function measureEngine(
  name: string,
  papers: readonly BenchPaper[],
  items: readonly Item[],
  tagged: Map<string, Set<number>>,
  budgetMs: number,
) {
  // A small build first, so one-time costs (compiled code, the first pass over the texts) stay
  // out of the memory and build figures of whichever engine happens to run first.
  ENGINES[name]!().build(papers.slice(0, 300));
  const engine: Engine = ENGINES[name]!();
  const before = await memoryNow();
  const start = performance.now();
  engine.build(papers);
  const buildMs = performance.now() - start;
  const memoryMb = Math.max(0, ((await memoryNow()) - before) / 1e6);
  const fuse = isFuse(engine);
  log(`    ${engine.name}: built in ${fmtMs(buildMs)} ms; ${items.length} queries…`);
  const run = await runItems(
    engine.name,
    items,
    (q) => engine.search(q),
    tagged,
    fuse ? budgetMs : Infinity,
    fuse ? 0 : 10,
  );
  return { run, buildMs, memoryMb };
}

/**
 * Bytes of every day file, which All days downloads where the site publishes no split search
 * index (and for quoted phrases), papers as ingest builds them
 * (cleaned, tagged; similar-paper lists left out). Each size's corpus is the start of the
 * largest, so the papers are built once.
 */
const builtPapers: ReturnType<typeof buildPaper>[] = [];
function dayFileBytes(raw: readonly RawPaper[]) {
  for (let i = builtPapers.length; i < raw.length; i++) builtPapers.push(buildPaper(raw[i]!));
  const byDay = new Map<string, ReturnType<typeof buildPaper>[]>();
  for (const paper of builtPapers.slice(0, raw.length)) {
    let list = byDay.get(paper.date);
    if (!list) byDay.set(paper.date, (list = []));
    list.push(paper);
  }
  let bytes = 0;
  let gzip = 0;
  for (const [date, papers] of byDay) {
    const text = serialize(dayFile(date, papers));
    bytes += Buffer.byteLength(text);
    gzip += gzipSync(text).length;
  }
  return { days: byDay.size, bytes, gzip };
}

/** A cold session's figures, and the median over sessions of each. */
interface SessionFigures {
  bytes: number;
  requests: number;
  firstMs: number;
  fixed: number;
  chunks: number;
  fragments: number;
}

async function measurePagefind(
  papers: readonly BenchPaper[],
  items: readonly Item[],
  tagged: Map<string, Set<number>>,
) {
  log(`    Pagefind: indexing ${fmtInt(papers.length)} pages…`);
  const bundle = await buildPagefind(papers);
  const runtime = pagefindRuntime(bundle);
  try {
    // Cold sessions: a fresh runtime each, 5 queries from the neutral sets, 10 results shown.
    const neutral = items.filter((i) => i.query);
    const sessions: SessionFigures[] = [];
    for (let s = 0; s < SESSIONS && (s + 1) * 5 <= neutral.length; s++) {
      const session = await runtime.open();
      let firstMs = 0;
      for (const [k, item] of neutral.slice(s * 5, s * 5 + 5).entries()) {
        const start = performance.now();
        await session.search(item.text, 10);
        if (k === 0) firstMs = performance.now() - start;
      }
      sessions.push({
        bytes: session.bytes(),
        requests: session.requests(),
        firstMs,
        ...session.breakdown(),
      });
      await session.close();
    }
    const median = Object.fromEntries(
      (Object.keys(sessions[0] ?? {}) as (keyof SessionFigures)[]).map((k) => [
        k,
        percentile(
          sessions.map((s) => s[k]),
          50,
        ),
      ]),
    ) as Partial<SessionFigures>;
    const run = await answerAll(runtime, items, tagged, 5);
    return {
      index: bundle.stats,
      run,
      sessions: {
        count: sessions.length,
        median,
        bytesMax: Math.max(...sessions.map((s) => s.bytes)),
      },
    };
  } finally {
    runtime.dispose();
  }
}

/** One warm session answers every item: Pagefind's timing and relevance. */
async function answerAll(
  runtime: ReturnType<typeof pagefindRuntime>,
  items: readonly Item[],
  tagged: Map<string, Set<number>>,
  warmUp: number,
) {
  const session = await runtime.open();
  const run = await runItems(
    'Pagefind',
    items,
    (q) => session.search(q, 10),
    tagged,
    Infinity,
    warmUp,
  );
  await session.close();
  return run;
}

async function pagefindRelevance(
  papers: readonly BenchPaper[],
  items: readonly Item[],
  tagged: Map<string, Set<number>>,
) {
  log(`    Pagefind: indexing ${fmtInt(papers.length)} pages…`);
  const bundle = await buildPagefind(papers);
  await closePagefind();
  const runtime = pagefindRuntime(bundle);
  try {
    return await answerAll(runtime, items, tagged, 0);
  } finally {
    runtime.dispose();
  }
}

/** Paperboy's misses on the tune half, for the loop of improving the ranking. */
function listErrors(engine: Engine, papers: readonly QueryPaper[], items: readonly Item[]) {
  for (const item of items) {
    const q = item.query!;
    if (q.half !== 'tune' || item.set === 'keyword') continue;
    const k = item.set === 'known-item' ? 5 : 10;
    const hits = engine.search(item.text);
    const rank = hits.indexOf(q.index);
    if (rank >= 0 && rank < k) continue;
    const top = hits
      .slice(0, 3)
      .map((d) => papers[d]!.title.slice(0, 60))
      .join(' | ');
    process.stderr.write(
      `miss ${item.set}: "${item.text}" → "${papers[q.index]!.title.slice(0, 80)}" at ${rank < 0 ? 'none' : rank + 1} of ${hits.length}; top: ${top}\n`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

interface EngineRow {
  run: Run;
  buildMs: number;
  memoryMb: number;
  speed: ReturnType<typeof speed>;
}
interface SizeRow {
  size: number;
  realPapers: number;
  queries: number;
  engines: Record<string, EngineRow>;
  pagefind?: Awaited<ReturnType<typeof measurePagefind>> & {
    speed: ReturnType<typeof speed> | null;
  };
  dayFiles?: ReturnType<typeof dayFileBytes>;
}
interface WholeRow {
  papers: number;
  sample: number;
  fuseSample: number;
  engines: Record<string, { relevance: Relevance; ran: number }>;
}

const whole = readWholeCorpus();
const real = readRealPapers();
const realIds = new Map(whole.map((p) => [p.id, p]));
log(
  `read ${fmtInt(real.length)} papers for the sizes, ${fmtInt(whole.length)} for the whole-corpus relevance; seed ${SEED}`,
);

const sizeRows: SizeRow[] = [];
if (!SKIP.has('speed') || !SKIP.has('pagefind') || !SKIP.has('days')) {
  for (const size of SIZES) {
    const corpus = buildCorpus(real, size);
    const realCount = Math.min(size, real.length);
    const papers: QueryPaper[] = corpus.map((p, i) => ({
      id: p.arxivId ?? `variation-${i}`,
      title: p.title,
      abstract: p.abstract,
      keywords: i < realCount && p.arxivId ? realIds.get(p.arxivId)?.keywords : undefined,
    }));
    const neutral = neutralItems(papers, realCount, TIMING, SEED + size);
    const current: Item[] = CURRENT.map((text) => ({ set: 'current', text }));
    const items = interleave([current, neutral['known-item'], neutral.abstract, neutral.keyword]);
    const tagged = papersByKeyword(papers);
    log(`  ${fmtInt(size)} papers (${fmtInt(realCount)} real): ${items.length} queries`);
    const row: SizeRow = { size, realPapers: realCount, queries: items.length, engines: {} };
    if (!SKIP.has('speed')) {
      let baseline: Run | null = null;
      for (const name of ENGINE_NAMES) {
        const m = await measureEngine(name, papers, items, tagged, FUSE_BUDGET_MS);
        baseline ??= m.run;
        row.engines[m.run.engine] = { ...m, speed: speed(m.run, baseline) };
      }
    }
    if (!SKIP.has('pagefind')) {
      const pf = await measurePagefind(papers, items, tagged);
      const base = row.engines.paperboy?.run;
      row.pagefind = { ...pf, speed: base ? speed(pf.run, base) : null };
    }
    if (!SKIP.has('days')) {
      log(`    day files…`);
      row.dayFiles = dayFileBytes(corpus);
    }
    sizeRows.push(row);
  }
  if (!SKIP.has('pagefind')) await closePagefind();
}

let wholeRow: WholeRow | null = null;
if (!SKIP.has('relevance')) {
  const sets = neutralItems(whole, whole.length, SAMPLE, SEED);
  const items = interleave(JUDGED.map((s) => sets[s as keyof typeof sets]));
  const tagged = papersByKeyword(whole);
  log(`  whole corpus: ${fmtInt(whole.length)} papers, ${items.length} queries`);
  wholeRow = { papers: whole.length, sample: SAMPLE, fuseSample: FUSE_SAMPLE, engines: {} };
  for (const name of ENGINE_NAMES) {
    const engine = ENGINES[name]!();
    const fuse = isFuse(engine);
    if (fuse && !FUSE_SAMPLE) continue;
    const mine = fuse
      ? interleave(JUDGED.map((s) => sets[s as keyof typeof sets].slice(0, FUSE_SAMPLE)))
      : items;
    log(`    ${engine.name}: ${mine.length} queries…`);
    engine.build(whole);
    const run = await runItems(engine.name, mine, (q) => engine.search(q), tagged, Infinity, 0);
    wholeRow.engines[engine.name] = { relevance: run.relevance, ran: run.ran };
    if (name === 'paperboy' && opts.errors) listErrors(engine, whole, items);
  }
  if (!SKIP.has('pagefind')) {
    const run = await pagefindRelevance(whole, items, tagged);
    wholeRow.engines.Pagefind = { relevance: run.relevance, ran: run.ran };
  }
}

// ---------------------------------------------------------------------------------------------

const table = (head: string[], rows: string[][], align: ('l' | 'r')[]) => [
  `| ${head.join(' | ')} |`,
  `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

function render(): string[] {
  const out: string[] = [];
  const halfNote = HALVES.join(' / ');
  const speedRows: string[][] = [];
  for (const r of sizeRows) {
    const entries: [string, { run: Run; speed: ReturnType<typeof speed> }, string, string][] =
      Object.entries(r.engines).map(([name, e]) => [
        name,
        e,
        `${fmtMs(e.buildMs)} ms`,
        `${e.memoryMb.toFixed(0)} MB`,
      ]);
    if (r.pagefind?.speed)
      entries.push([
        'Pagefind (Node, files in memory)',
        { run: r.pagefind.run, speed: r.pagefind.speed },
        `${fmtMs(r.pagefind.index.buildMs)} ms`,
        '–',
      ]);
    for (const [name, e, build, heap] of entries) {
      const s = e.speed;
      const base = name === 'paperboy';
      speedRows.push([
        fmtInt(r.size),
        name,
        build,
        heap,
        String(s.queries),
        `${fmtMs(s.p50)} ms`,
        `${fmtMs(s.p95)} ms`,
        base ? '1×' : fmtRatio(s.p50Ratio),
        base ? '1×' : fmtRatio(s.p95Ratio),
        ...JUDGED.map((set) => halves(e.run.relevance[set])),
      ]);
    }
  }
  if (speedRows.length)
    out.push(
      `### Speed, and relevance at each size (${halfNote})`,
      '',
      ...table(
        [
          'papers',
          'engine',
          'build',
          'memory',
          'queries run',
          'p50',
          'p95',
          'p50 ÷ Paperboy',
          'p95 ÷ Paperboy',
          ...JUDGED.map((set) => SET_LABEL[set]),
        ],
        speedRows,
        ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      `Queries per size: the ${CURRENT.length} current queries and ${TIMING} per neutral set drawn from the size's real papers, interleaved (the first 2,719 papers of the file carry no keywords). fuse.js runs up to ${FUSE_BUDGET_MS / 1000} s of them per configuration (it stops before a query that would pass that), and its ratios compare the same queries.${sizeRows.some((r) => r.pagefind) ? " Pagefind's time is its search plus the 10 result fragments, in Node with its files in memory (no network)." : ''}`,
      '',
    );
  const archiveRows = sizeRows
    .filter((r) => r.pagefind || r.dayFiles)
    .map((r) => {
      const pf = r.pagefind;
      const m = pf?.sessions.median;
      const days = r.dayFiles;
      return [
        fmtInt(r.size),
        pf ? `${fmtInt(pf.index.searchFiles)} files, ${fmtBytes(pf.index.searchBytes)}` : '–',
        pf ? `${pf.index.indexChunks.count}, ${fmtBytes(pf.index.indexChunks.bytes)}` : '–',
        pf ? `${fmtInt(pf.index.fragments.count)}, ${fmtBytes(pf.index.fragments.bytes)}` : '–',
        pf ? `${(pf.index.buildMs / 1000).toFixed(1)} s` : '–',
        m?.bytes !== undefined
          ? `${fmtBytes(m.bytes)} / ${fmtBytes(pf!.sessions.bytesMax)} (${pf!.sessions.count})`
          : '–',
        m?.fixed !== undefined
          ? `${fmtBytes(m.fixed)} / ${fmtBytes(m.chunks!)} / ${fmtBytes(m.fragments!)}`
          : '–',
        m?.requests !== undefined ? String(m.requests) : '–',
        m?.firstMs !== undefined ? `${fmtMs(m.firstMs)} ms` : '–',
        days ? `${days.days} files, ${fmtBytes(days.bytes)} / ${fmtBytes(days.gzip)}` : '–',
      ];
    });
  if (archiveRows.length)
    out.push(
      '### The archive case: what a search downloads',
      '',
      ...table(
        [
          'papers',
          'Pagefind index (files a search can fetch)',
          'index chunks',
          'fragments',
          'Pagefind build',
          'cold session of 5 queries: bytes p50 / max (sessions)',
          'p50: runtime, wasm, metadata / chunks / fragments',
          'requests p50',
          'first query (cold, Node)',
          'every day file (All days without the split index), JSON / gzip',
        ],
        archiveRows,
        ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      "Pagefind's bytes are the files its runtime fetched, each query showing 10 results (pagefind.js counted gzip-compressed; the wasm, metadata, chunks and fragments are compressed already). Measured: index sizes, the files each query fetched, the runtime's latency in Node. Not measured here: network time and the browser (npm run bench:browser). The app's day files are the papers as ingest builds them, without similar-paper lists.",
      '',
    );
  if (wholeRow) {
    const rows = Object.entries(wholeRow.engines).map(([name, e]) => [
      name,
      ...JUDGED.map((set) => halves(e.relevance[set])),
    ]);
    out.push(
      `### Relevance on the whole corpus: ${fmtInt(wholeRow.papers)} papers (${halfNote})`,
      '',
      ...table(['engine', ...JUDGED.map((set) => SET_LABEL[set])], rows, ['l', 'r', 'r', 'r']),
    );
    if (!FUSE_SAMPLE && ENGINE_NAMES.some((n) => n.startsWith('fuse')))
      out.push(
        '',
        'fuse.js: not run on the whole corpus (1–10 s per query); --fuse-sample N runs N queries per set.',
      );
    const pb = wholeRow.engines.paperboy!.relevance;
    const target = (set: SetName, goal: number) =>
      HALVES.map((h) => {
        const s = pb[set]?.[h];
        return `${h} ${pctOf(s)} ${s && s.n && s.sum / s.n >= goal ? 'met' : 'MISSED'}`;
      }).join(', ');
    out.push(
      '',
      `Targets (issue 14) for Paperboy: known item with a typo in the top 5 ≥ 97%: ${target('known-item', 0.97)}; 3 abstract words in the top 10 ≥ 95%: ${target('abstract', 0.95)}.`,
    );
  }
  out.push('', `Node ${process.version}; seed ${SEED}.`);
  return out;
}

if (json) {
  const sizes = sizeRows.map((r) => ({
    ...r,
    engines: Object.fromEntries(
      Object.entries(r.engines).map(([k, e]) => [
        k,
        { buildMs: e.buildMs, memoryMb: e.memoryMb, speed: e.speed, relevance: e.run.relevance },
      ]),
    ),
    pagefind: r.pagefind && {
      index: r.pagefind.index,
      sessions: r.pagefind.sessions,
      speed: r.pagefind.speed,
      relevance: r.pagefind.run.relevance,
    },
  }));
  process.stdout.write(
    `${JSON.stringify(
      {
        node: process.version,
        seed: SEED,
        currentQueries: CURRENT.length,
        timingQueriesPerSet: TIMING,
        fuseBudgetSeconds: FUSE_BUDGET_MS / 1000,
        sizes,
        wholeCorpus: wholeRow,
      },
      null,
      2,
    )}\n`,
  );
} else process.stdout.write(`${render().join('\n')}\n`);
