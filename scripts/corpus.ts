/**
 * Benchmark corpora from ../shared/corpus (read at run time, never copied into the repo): the
 * 9,877 real papers of hf-daily-papers.jsonl.gz first, then, to reach larger sizes, variations:
 * variation k of paper A takes the first half of A's title and the second half of another
 * paper B's title, and alternates the sentences of A's and B's abstracts, so word statistics
 * stay those of real abstracts while every variation is a distinct paper. Deterministic.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseJsonLines } from '../src/domain/formats/json-records.ts';
import type { RawPaper } from '../src/domain/formats/raw.ts';
import { normalizeTitle } from '../src/domain/text.ts';

export const CORPUS_FILE = join(
  // fileURLToPath of a string: under jsdom, `new URL` is jsdom's, which node:url refuses.
  dirname(fileURLToPath(import.meta.url)),
  '../../shared/corpus/hf-daily-papers.jsonl.gz',
);

export function readRealPapers(file = CORPUS_FILE): RawPaper[] {
  if (!existsSync(file))
    throw new Error(
      `${file} is missing: the benchmarks read the shared corpus at run time (see ../shared/corpus/README.md).`,
    );
  return parseJsonLines(gunzipSync(readFileSync(file)).toString('utf8')).papers;
}

const sentences = (text: string) =>
  text.match(/[^.!?]+[.!?]+(\s|$)|[^.!?]+$/g)?.map((s) => s.trim()) ?? [text];

/** `size` papers: all real papers (in file order) first, then variations. */
export function buildCorpus(real: readonly RawPaper[], size: number): RawPaper[] {
  const out = real.slice(0, size).map((p) => ({ ...p }));
  const titles = new Set(out.map((p) => normalizeTitle(p.title)));
  const n = real.length;
  for (let k = 0; out.length < size; k++) {
    const a = real[k % n]!;
    // Each round over the real papers pairs them with different partners.
    const b = real[(k * 7919 + 13 + Math.floor(k / n) * 104729) % n]!;
    const aWords = a.title.split(' ');
    const bWords = b.title.split(' ');
    const title = [
      ...aWords.slice(0, Math.ceil(aWords.length / 2)),
      ...bWords.slice(Math.floor(bWords.length / 2)),
    ].join(' ');
    const as = sentences(a.abstract);
    const bs = sentences(b.abstract);
    const mixed: string[] = [];
    for (let i = 0; i < Math.max(as.length, bs.length); i++) {
      if (i % 2 === 0 ? as[i] : bs[i]) mixed.push((i % 2 === 0 ? as[i] : bs[i])!);
    }
    // Two halves can make a title that exists already: such a variation is skipped.
    if (titles.has(normalizeTitle(title))) continue;
    titles.add(normalizeTitle(title));
    out.push({ title, abstract: mixed.join(' ') || a.abstract, date: a.date, line: 0 });
  }
  return out;
}

/** mulberry32: a small seeded PRNG, so sampled queries are the same on every run. */
export function seeded(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
