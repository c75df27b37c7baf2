/**
 * npm run eval:search [-- --sample 400] [--errors]
 *
 * Known-item and abstract search on the whole shared corpus (both files, deduplicated by arXiv
 * id, about 11,000 papers), through createSearch as the reader's All days search ranks:
 *
 * - tune: the neutral sets of scripts/queries.ts (2–4 rarest title words with one natural typo,
 *   target in the top 5; the 3 rarest abstract words not in the title, top 10), tune half only.
 *   Ranking changes were checked against these.
 * - held-out (reported): scripts/held-out-queries.ts, written by another hand without looking
 *   at Paperboy's tokenizer, search code or typo classes, on the held-out half's papers: a
 *   title's first 3–5 words with one typo of seven kinds (deletion, transposition, substitution,
 *   dropped or added hyphen, split or joined compound), top 5; three rare abstract words of 6+
 *   letters not in the title, top 10.
 *
 * Per query the time of rank() is measured (median and p95 over the set), on the machine as it
 * is. `--errors` lists the tune set's misses only: the held-out set's queries are never printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { createSearch } from '../src/domain/search.ts';
import { seeded } from './corpus.ts';
import { heldOutQueries } from './held-out-queries.ts';
import { abstractQueries, documentFrequency, knownItemQueries } from './queries.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = ['hf-daily-papers.jsonl.gz', 'hf-daily-papers-2024.jsonl.gz'].map((f) =>
  join(ROOT, '../shared/corpus', f),
);

const { values: opts } = parseArgs({
  options: {
    sample: { type: 'string', default: '400' },
    errors: { type: 'boolean', default: false },
  },
});

interface Paper {
  id: string;
  title: string;
  abstract: string;
  keywords?: string[];
}

function readPapers(): Paper[] {
  const seen = new Set<string>();
  const out: Paper[] = [];
  for (const file of FILES) {
    if (!existsSync(file))
      throw new Error(
        `${file} is missing: eval:search reads the shared corpus at run time (../shared/corpus).`,
      );
    for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      const p = JSON.parse(line) as Paper;
      if (seen.has(p.id) || !p.title || !p.abstract) continue;
      seen.add(p.id);
      out.push({ id: p.id, title: p.title, abstract: p.abstract });
    }
  }
  return out;
}

interface Set_ {
  name: string;
  queries: { index: number; text: string }[];
  top: number;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function main() {
  const papers = readPapers();
  const sample = Number(opts.sample);
  console.log(`${papers.length} papers; building the index…`);
  const engine = createSearch(papers);
  const df = documentFrequency(papers);
  const tuneRandom = seeded(2025);
  const tune = (qs: { index: number; half: string; text: string }[]) =>
    qs.filter((q) => q.half === 'tune');
  const heldOut = heldOutQueries(papers, { perKind: sample });
  const sets: Set_[] = [
    {
      name: 'tune: known item, one typo (top 5)',
      queries: tune(knownItemQueries(papers, df, sample * 2, tuneRandom)),
      top: 5,
    },
    {
      name: 'tune: three abstract words (top 10)',
      queries: tune(abstractQueries(papers, df, sample * 2, tuneRandom)),
      top: 10,
    },
    {
      name: 'held-out: known item, one typo (top 5)',
      queries: heldOut.filter((q) => q.kind === 'known-item'),
      top: 5,
    },
    {
      name: 'held-out: three abstract words (top 10)',
      queries: heldOut.filter((q) => q.kind === 'abstract'),
      top: 10,
    },
  ];
  // Warm the engine (the first queries build caches and JIT the ranking).
  for (const q of sets[0]!.queries.slice(0, 20)) engine.rank(q.text);
  for (const set of sets) {
    let found = 0;
    let empty = 0;
    const times: number[] = [];
    const misses: string[] = [];
    for (const q of set.queries) {
      const start = performance.now();
      const hits = engine.rank(q.text, { limit: set.top });
      times.push(performance.now() - start);
      if (hits.indexes.length === 0) empty++;
      if (Array.from(hits.indexes).includes(q.index)) found++;
      else misses.push(`${q.text}  →  ${papers[q.index]!.title}`);
    }
    times.sort((a, b) => a - b);
    const n = set.queries.length;
    console.log(
      `${set.name}: ${((100 * found) / Math.max(1, n)).toFixed(1)}% of ${n} (${empty} with no result); rank() median ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`,
    );
    if (opts.errors && set.name.startsWith('tune')) for (const m of misses) console.log(`  ${m}`);
  }
}

main();
