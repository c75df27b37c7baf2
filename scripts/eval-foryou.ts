/**
 * npm run eval:foryou [-- --tune-only] [--by-cluster] [--lambda X] [--epochs N] [--author-weight X]
 * npm run eval:foryou -- --grid [--lambdas 0.001,0.01] [--author-weights 0,0.5] [--epoch-counts 2,4]
 * npm run eval:foryou -- --show "diffusion model"
 * npm run eval:foryou -- --cost
 *
 * Measures the "For you" ranking (src/domain/for-you.ts) with simulated readers on the shared
 * corpus (../shared/corpus/hf-daily-papers.jsonl.gz, read at run time; without it, says so and
 * measures nothing). A reader follows one keyword cluster of the papers' Hugging Face keywords
 * (see DEFINITIONS). In one month the reader saves 10 papers of the cluster, drawn at random
 * (seeded); the model learns them against the 2,000 newest other papers up to the end of that
 * month; then it ranks the next month's papers. Relevant: the next month's papers of the
 * cluster. Only papers with keywords are ranked (a paper without keywords could not be judged
 * either way). Every (cluster, month) with at least 10 papers of the cluster in the month and
 * 10 in the next makes three readers.
 *
 * Reported: precision@10 and nDCG@10 of For you, of the newest first (the date, then the arXiv
 * id) and of the most upvoted first, and For you's precision over the upvotes order's. Clusters
 * are split at random (seeded) into a tune half and a held-out half. `--grid` searches the
 * options and `--show` prints one reader's saves and first ten with the reasons, both on the
 * tune half only; `--tune-only` leaves the held-out figures out; `--cost` times training. The targets are printed, not
 * asserted: tests/domain/for-you.test.ts guards the behaviour.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  FOR_YOU_DEFAULTS,
  type ForYouCache,
  type ForYouOptions,
  createForYouCache,
  explainForYou,
  type ForYouPaper,
  scoreForYou,
  trainForYou,
  trainForYouSteps,
} from '../src/domain/for-you.ts';
import { CORPUS_FILE, seeded } from './corpus.ts';

/** The targets of issue 15, on the held-out readers. */
export const TARGETS = { precision: 0.6, overUpvotes: 2 };

const SAVES = 10;
const OTHERS = 2000;
const DRAWS = 3;
const K = 10;
const SEED = 15;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * How a reader's interest is read from the keywords. `phrase` (the main one): a phrase of two
 * words or more that is some paper's keyword, holding every paper with a keyword that contains
 * it ("diffusion model" holds "video diffusion models"), an acronym being the phrase it stands
 * for. `exact`: one keyword exactly (after the same clean-up), acronyms and single words too.
 */
const DEFINITIONS = ['phrase', 'exact'] as const;
type Definition = (typeof DEFINITIONS)[number];

interface CorpusPaper extends ForYouPaper {
  date: string;
  month: string;
  upvotes: number;
  /** Has keywords, so can be judged relevant or not. */
  judged: boolean;
  /** Its keywords, cleaned up, acronyms expanded. */
  phrases: Set<string>;
  clusters: Record<Definition, Set<string>>;
}

/**
 * A keyword cleaned up: lowercase, hyphens and slashes as spaces, a plural "s" of the last word
 * dropped ("Vision-Language Models" → "vision language model"), and a parenthesised part apart.
 */
export function cleanKeyword(keyword: string): { phrase: string; aside: string } {
  const clean = (k: string) => {
    const words = k
      .toLowerCase()
      .replace(/[-_/]+/g, ' ')
      .split(/\s+/)
      .filter((w) => w !== '');
    const last = words.length - 1;
    if (last >= 0 && words[last]!.length > 3 && /[^suia]s$/.test(words[last]!))
      words[last] = words[last]!.slice(0, -1);
    return words.join(' ');
  };
  const aside = /\(([^)]*)\)/.exec(keyword)?.[1] ?? '';
  return { phrase: clean(keyword.replace(/\([^)]*\)/g, ' ')), aside: clean(aside) };
}

interface Row {
  id: string;
  title: string;
  abstract: string;
  date: string;
  authors?: string[];
  upvotes?: number;
  keywords?: string[];
}

function readCorpus(file: string): CorpusPaper[] {
  const rows = gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);
  // Acronyms: "Large Language Models (LLMs)" makes "llm" stand for "large language model" (the
  // phrase it is most often given with, when that is at least twice).
  const expansions = new Map<string, Map<string, number>>();
  for (const r of rows)
    for (const k of r.keywords ?? []) {
      const { phrase, aside } = cleanKeyword(k);
      if (!phrase || !aside || phrase === aside) continue;
      const [short, long] = phrase.length < aside.length ? [phrase, aside] : [aside, phrase];
      const counts = expansions.get(short) ?? new Map<string, number>();
      counts.set(long, (counts.get(long) ?? 0) + 1);
      expansions.set(short, counts);
    }
  const expand = new Map<string, string>();
  for (const [short, counts] of expansions) {
    const [long, n] = [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]!;
    if (n >= 2 && !short.includes(' ')) expand.set(short, long);
  }
  const phrasesOf = (r: Row) =>
    [...new Set((r.keywords ?? []).map((k) => cleanKeyword(k).phrase).filter((p) => p !== ''))].map(
      (p) => expand.get(p) ?? p,
    );
  const names = new Set(rows.flatMap(phrasesOf).filter((p) => p.includes(' ')));
  const out = rows.map((r): CorpusPaper => {
    const phrases = phrasesOf(r);
    const broad = new Set<string>();
    for (const phrase of phrases) {
      const words = phrase.split(' ');
      for (let i = 0; i < words.length; i++)
        for (let j = i + 2; j <= words.length; j++) {
          const sub = words.slice(i, j).join(' ');
          if (names.has(sub)) broad.add(sub);
        }
    }
    const exact = new Set((r.keywords ?? []).map((k) => cleanKeyword(k).phrase).filter((p) => p));
    return {
      id: r.id,
      title: r.title,
      abstract: r.abstract,
      authors: r.authors ?? [],
      date: r.date,
      month: r.date.slice(0, 7),
      upvotes: r.upvotes ?? 0,
      judged: phrases.length > 0,
      phrases: new Set(phrases),
      clusters: { phrase: broad, exact },
    };
  });
  // Newest first, as the recency order ranks: by date, then by arXiv id (later ids are newer).
  return out.sort((a, b) => cmp(b.date, a.date) || cmp(b.id, a.id));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Reader {
  definition: Definition;
  cluster: string;
  month: string;
  next: string;
  saved: CorpusPaper[];
}

function makeReaders(papers: readonly CorpusPaper[], definition: Definition): Reader[] {
  const months = [...new Set(papers.map((p) => p.month))].sort();
  const byMonth = new Map(months.map((m) => [m, papers.filter((p) => p.month === m)]));
  const count = (m: string, of: (p: CorpusPaper) => Set<string>) => {
    const c = new Map<string, number>();
    for (const p of byMonth.get(m)!) for (const k of of(p)) c.set(k, (c.get(k) ?? 0) + 1);
    return c;
  };
  const members = (p: CorpusPaper) => p.clusters[definition];
  // A phrase is an interest in a month when it is itself the keyword of SAVES papers or more
  // (not only a part of longer ones: "end to end" or "fine grained" are not interests).
  const whole = (p: CorpusPaper) => (definition === 'phrase' ? p.phrases : members(p));
  const random = seeded(SEED + DEFINITIONS.indexOf(definition));
  const readers: Reader[] = [];
  for (let i = 0; i + 1 < months.length; i++) {
    const [month, next] = [months[i]!, months[i + 1]!];
    const named = count(month, whole);
    const later = count(next, members);
    const clusters = [...named]
      .filter(([k, c]) => c >= SAVES && (later.get(k) ?? 0) >= K)
      .map(([k]) => k)
      .sort();
    for (const cluster of clusters) {
      const of = byMonth.get(month)!.filter((p) => members(p).has(cluster));
      for (let d = 0; d < DRAWS; d++) {
        const pool = [...of];
        const saved: CorpusPaper[] = [];
        while (saved.length < SAVES)
          saved.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
        readers.push({ definition, cluster, month, next, saved });
      }
    }
  }
  return readers;
}

/** Clusters split at random (seeded) into halves: tuning never sees a held-out cluster. */
function splitClusters(readers: readonly Reader[]): Set<string> {
  const clusters = [...new Set(readers.map((r) => r.cluster))].sort();
  const random = seeded(SEED + 100);
  for (let i = clusters.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [clusters[i], clusters[j]] = [clusters[j]!, clusters[i]!];
  }
  return new Set(clusters.slice(0, Math.ceil(clusters.length / 2)));
}

interface Metrics {
  precision: number;
  ndcg: number;
}

function atK(
  ranked: readonly CorpusPaper[],
  relevant: (p: CorpusPaper) => boolean,
  total: number,
): Metrics {
  let hits = 0;
  let dcg = 0;
  ranked.slice(0, K).forEach((p, i) => {
    if (!relevant(p)) return;
    hits++;
    dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(K, total); i++) ideal += 1 / Math.log2(i + 2);
  return { precision: hits / K, ndcg: ideal ? dcg / ideal : 0 };
}

/** Trains a reader's model and ranks the next month's judged papers by it. */
function rankForReader(
  reader: Reader,
  papers: readonly CorpusPaper[],
  options: ForYouOptions,
  cache: ForYouCache,
  byMonth?: Map<string, CorpusPaper[]>,
) {
  const savedIds = new Set(reader.saved.map((p) => p.id));
  // The newest OTHERS papers up to the end of the month (papers are newest first).
  const others = papers
    .filter((p) => p.month <= reader.month && !savedIds.has(p.id))
    .slice(0, OTHERS);
  const model = trainForYou(reader.saved, others, { ...options, cache });
  const candidates = (
    byMonth?.get(reader.next) ?? papers.filter((p) => p.month === reader.next)
  ).filter((p) => p.judged);
  const scores = scoreForYou(model, candidates, cache);
  const ranked = candidates
    .map((p, i) => ({ p, s: scores[i]! }))
    .sort((a, b) => b.s - a.s || cmp(a.p.id, b.p.id))
    .map(({ p }) => p);
  return { model, candidates, ranked };
}

const ORDERS = ['for you', 'newest', 'upvotes'] as const;
type Order = (typeof ORDERS)[number];

interface Summary {
  readers: number;
  clusters: string[];
  mean: Record<Order, Metrics>;
  /** For you's P@10 by cluster. */
  byCluster: Map<string, { readers: number; precision: number }>;
}

function evaluate(
  readers: readonly Reader[],
  papers: readonly CorpusPaper[],
  options: ForYouOptions,
  cache: ForYouCache,
): Summary {
  const sums = Object.fromEntries(ORDERS.map((o) => [o, { precision: 0, ndcg: 0 }])) as Record<
    Order,
    Metrics
  >;
  const byCluster: Summary['byCluster'] = new Map();
  const byMonth = new Map<string, CorpusPaper[]>();
  for (const p of papers) byMonth.set(p.month, [...(byMonth.get(p.month) ?? []), p]);
  for (const reader of readers) {
    const { candidates, ranked: forYou } = rankForReader(reader, papers, options, cache, byMonth);
    const relevant = (p: CorpusPaper) => p.clusters[reader.definition].has(reader.cluster);
    const total = candidates.filter(relevant).length;
    const upvoted = [...candidates].sort(
      (a, b) => b.upvotes - a.upvotes || cmp(b.date, a.date) || cmp(b.id, a.id),
    );
    const ranked: Record<Order, CorpusPaper[]> = {
      'for you': forYou,
      newest: candidates,
      upvotes: upvoted,
    };
    for (const o of ORDERS) {
      const m = atK(ranked[o], relevant, total);
      sums[o].precision += m.precision;
      sums[o].ndcg += m.ndcg;
    }
    const c = byCluster.get(reader.cluster) ?? { readers: 0, precision: 0 };
    c.readers++;
    c.precision += atK(forYou, relevant, total).precision;
    byCluster.set(reader.cluster, c);
  }
  const n = readers.length || 1;
  return {
    readers: readers.length,
    clusters: [...new Set(readers.map((r) => r.cluster))].sort(),
    mean: Object.fromEntries(
      ORDERS.map((o) => [o, { precision: sums[o].precision / n, ndcg: sums[o].ndcg / n }]),
    ) as Record<Order, Metrics>,
    byCluster: new Map(
      [...byCluster].map(([k, c]) => [
        k,
        { readers: c.readers, precision: c.precision / c.readers },
      ]),
    ),
  };
}

/** One reader's saves and For you's first ten, with their keywords: for tuning by reading. */
function show(
  reader: Reader,
  papers: readonly CorpusPaper[],
  options: ForYouOptions,
  cache: ForYouCache,
  out: Io['out'],
): void {
  const { model, ranked } = rankForReader(reader, papers, options, cache);
  out(`\n${reader.cluster}, saved in ${reader.month}:`);
  for (const p of reader.saved) out(`  ${p.title.slice(0, 100)}`);
  out(`\nFor you in ${reader.next} (+ relevant):`);
  for (const p of ranked.slice(0, K)) {
    const why = explainForYou(model, p, reader.saved, { cache });
    out(`${p.clusters.phrase.has(reader.cluster) ? '+' : ' '} ${p.title.slice(0, 100)}`);
    out(`    keywords: ${[...p.phrases].join('; ')}`);
    out(`    words: ${why.words.map((w) => w.term).join(' ')}; authors: ${why.authors.join(', ')}`);
    out(
      `    like: ${why.like.map((l) => `${l.title.slice(0, 40)} (${l.score.toFixed(2)})`).join('; ')}`,
    );
  }
}

/**
 * What training costs on this machine, for docs/for-you.md: 20 saved papers against the 2,000
 * newest others, the median of five runs, first with a fresh cache (every paper read), then
 * with a warm one (a retraining after a new save), with the longest step between two yields.
 */
function measureCost(papers: readonly CorpusPaper[], out: Io['out']): void {
  const saved = papers.slice(0, 20);
  const others = papers.slice(20, 2020);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const run = (cache: ForYouCache) => {
    const steps = trainForYouSteps(saved, others, { cache });
    let last = performance.now();
    const start = last;
    let longest = 0;
    let where = 'start';
    let before = 'start';
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      const now = performance.now();
      if (now - last > longest) [longest, where] = [now - last, `${before} → ${step.value.phase}`];
      last = now;
      before = `${step.value.phase} ${step.value.done}`;
    }
    if (performance.now() - last > longest)
      [longest, where] = [performance.now() - last, `${before} → end`];
    return { ms: performance.now() - start, longest, where, model: step.value };
  };
  const fresh = Array.from({ length: 5 }, () => run(createForYouCache()));
  const warm = createForYouCache();
  run(warm);
  const again = Array.from({ length: 5 }, () => run(warm));
  const model = again[0]!.model;
  const started = performance.now();
  scoreForYou(model, papers.slice(2020, 2520), warm);
  const scoring = performance.now() - started;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  out(`\nCost (20 saved, 2,000 others, median of 5; chunk ${FOR_YOU_DEFAULTS.chunk})`);
  out(
    `  first training:  ${ms(median(fresh.map((r) => r.ms)))}, longest step ${ms(median(fresh.map((r) => r.longest)))}`,
  );
  out(
    `  retraining:      ${ms(median(again.map((r) => r.ms)))}, longest step ${ms(median(again.map((r) => r.longest)))}`,
  );
  out(
    `  longest steps: ${[...fresh, ...again].map((r) => `${r.where} (${ms(r.longest)})`).join('; ')}`,
  );
  out(`  scoring 500 papers: ${ms(scoring)}`);
  out(
    `  model: ${model.terms.length.toLocaleString('en-US')} features, ${(JSON.stringify(model).length / 1000).toFixed(0)} kB of JSON`,
  );
}

const f2 = (x: number) => x.toFixed(2);

function report(name: string, s: Summary, out: Io['out']): void {
  out(
    `\n${name}: ${s.readers} readers over ${s.clusters.length} clusters (${s.clusters.join(', ')})`,
  );
  out(`${'order'.padEnd(10)}${'P@10'.padStart(7)}${'nDCG@10'.padStart(9)}`);
  for (const o of ORDERS)
    out(`${o.padEnd(10)}${f2(s.mean[o].precision).padStart(7)}${f2(s.mean[o].ndcg).padStart(9)}`);
  const ratio = s.mean['for you'].precision / s.mean.upvotes.precision;
  out(`For you P@10 / upvotes P@10: ${f2(ratio)}×`);
  // Large clusters have more readers: the mean by cluster weighs every cluster the same.
  const perCluster = [...s.byCluster.values()].map((c) => c.precision);
  out(
    `For you P@10 by cluster: mean ${f2(perCluster.reduce((a, b) => a + b, 0) / perCluster.length)}, from ${f2(Math.min(...perCluster))} to ${f2(Math.max(...perCluster))}`,
  );
}

function optionsFrom(argv: readonly string[]): ForYouOptions {
  const options: ForYouOptions = {};
  const number = (flag: string) => {
    const at = argv.indexOf(flag);
    if (at < 0) return undefined;
    const value = Number(argv[at + 1]);
    if (!Number.isFinite(value))
      throw new Error(`${flag}: expected a number, got "${argv[at + 1] ?? ''}"`);
    return value;
  };
  const lambda = number('--lambda');
  const epochs = number('--epochs');
  const authorWeight = number('--author-weight');
  if (lambda !== undefined) options.lambda = lambda;
  if (epochs !== undefined) options.epochs = epochs;
  if (authorWeight !== undefined) options.authorWeight = authorWeight;
  return options;
}

export function runEval(argv: readonly string[], io: Io, file = CORPUS_FILE): number {
  try {
    if (!existsSync(file)) {
      io.out(
        `${file} is missing: the For you evaluation reads the shared corpus at run time (see ../shared/corpus/README.md). Nothing measured.`,
      );
      return 0;
    }
    const options = optionsFrom(argv);
    const started = performance.now();
    const papers = readCorpus(file);
    const cache = createForYouCache();
    const readers = new Map(DEFINITIONS.map((d) => [d, makeReaders(papers, d)]));
    const tuneClusters = splitClusters([...readers.values()].flat());
    const split = (d: Definition, tune: boolean) =>
      readers.get(d)!.filter((r) => tuneClusters.has(r.cluster) === tune);
    io.out(
      `For you on ${papers.length.toLocaleString('en-US')} papers. A simulated reader saves ${SAVES} papers of a keyword cluster in one month, the model learns them against the ${OTHERS.toLocaleString('en-US')} newest other papers, and it ranks the next month's papers with keywords; relevant: that month's papers of the cluster.`,
    );
    if (argv.includes('--cost')) {
      measureCost(papers, io.out);
      return 0;
    }
    const showAt = argv.indexOf('--show');
    if (showAt >= 0) {
      const cluster = argv[showAt + 1] ?? '';
      const reader = split('phrase', true).find((r) => r.cluster === cluster);
      if (!reader) throw new Error(`--show: "${cluster}" is not a tune-split phrase cluster`);
      show(reader, papers, options, cache, io.out);
      return 0;
    }
    if (argv.includes('--grid')) {
      io.out('\nGrid on the tune split of phrase clusters (P@10, nDCG@10 of For you)');
      const list = (flag: string, fallback: number[]) => {
        const at = argv.indexOf(flag);
        return at < 0 ? fallback : (argv[at + 1] ?? '').split(',').map(Number);
      };
      for (const lambda of list('--lambdas', [1e-4, 1e-3, 1e-2, 1e-1]))
        for (const authorWeight of list('--author-weights', [0, 0.5, 1]))
          for (const epochs of list('--epoch-counts', [4, 8])) {
            const tried = { ...options, lambda, authorWeight, epochs };
            const s = evaluate(split('phrase', true), papers, tried, cache);
            io.out(
              `  lambda ${lambda} authors ${authorWeight} epochs ${epochs}: ${s.mean['for you'].precision.toFixed(3)} ${s.mean['for you'].ndcg.toFixed(3)}`,
            );
          }
      return 0;
    }
    const used = { ...FOR_YOU_DEFAULTS, ...options };
    io.out(
      `Options: lambda ${used.lambda}, epochs ${used.epochs}, author weight ${used.authorWeight}.`,
    );
    let heldOut: Summary | undefined;
    for (const d of DEFINITIONS) {
      io.out(
        `\n== ${d === 'phrase' ? 'Phrase clusters (the measure)' : 'Exact keywords (stricter labels)'}`,
      );
      const tune = evaluate(split(d, true), papers, options, cache);
      report('tune', tune, io.out);
      if (argv.includes('--by-cluster'))
        for (const [k, c] of tune.byCluster)
          io.out(
            `  ${k.padEnd(40)} ${String(c.readers).padStart(3)} readers  P@10 ${f2(c.precision)}`,
          );
      if (argv.includes('--tune-only')) continue;
      const held = evaluate(split(d, false), papers, options, cache);
      report('held-out', held, io.out);
      if (d === 'phrase') heldOut = held;
    }
    if (heldOut) {
      const p = heldOut.mean['for you'].precision;
      const ratio = p / heldOut.mean.upvotes.precision;
      io.out('\nTargets, on the held-out phrase clusters');
      io.out(
        `  P@10 ${p.toFixed(3)} (target ≥ ${f2(TARGETS.precision)}): ${p >= TARGETS.precision ? 'met' : 'NOT met'}`,
      );
      io.out(
        `  over upvotes ${f2(ratio)}× (target ≥ ${TARGETS.overUpvotes}×): ${ratio >= TARGETS.overUpvotes ? 'met' : 'NOT met'}`,
      );
    }
    io.out(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    io.err((error as Error).message);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = runEval(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
