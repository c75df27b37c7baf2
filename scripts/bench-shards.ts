/**
 * npm run bench:shards [-- --size 20000] [-- --sessions 30]
 *
 * What the split search index's shard size costs a reader: over `size` papers (corpus.ts),
 * cold sessions of five queries typed letter by letter, each query one of the shared corpus's
 * `ai_keywords` (a neutral source: the records' own keywords, not Paperboy's words), fetch the
 * shards each prefix needs, as the archive worker does. Reported per shard size: kilobytes a
 * session fetches (brotli bodies plus 330 bytes of headers a request, what `vite preview`
 * sends for a data file) and requests, for the tune and held-out halves of the keywords
 * (split by the paper's arXiv id, as in bench.ts). The default size was chosen on the tune
 * half; the held-out half says whether that choice holds.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import type { Paper } from '../src/domain/schema.ts';
import { buildPaper } from '../src/domain/dataset.ts';
import { buildShardIndex } from '../src/domain/search-shards-build.ts';
import { ShardedSearch } from '../src/domain/search-shards.ts';
import { shardFiles } from '../src/domain/search-shards-format.ts';
import { CORPUS_FILE, buildCorpus, readRealPapers, seeded } from './corpus.ts';
import { halfOf, type Half } from './queries.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const size = option('--size', 20000);
const sessions = option('--sessions', 30);
const HEADERS = 330;
const SIZES = [1024, 2048, 4096, 8192];
const log = (line: string) => process.stderr.write(`${line}\n`);

log(`building ${size.toLocaleString('en-US')} papers`);
const days = new Map<string, Paper[]>();
for (const raw of buildCorpus(readRealPapers(), size)) {
  const paper = buildPaper(raw);
  days.set(paper.date, [...(days.get(paper.date) ?? []), paper]);
}
const keywords: Record<Half, string[]> = { tune: [], 'held-out': [] };
for (const line of gunzipSync(readFileSync(CORPUS_FILE)).toString('utf8').split('\n')) {
  if (!line.trim()) continue;
  const record = JSON.parse(line) as { id?: string; keywords?: unknown };
  if (!record.id || !Array.isArray(record.keywords)) continue;
  for (const k of record.keywords)
    if (typeof k === 'string' && k.trim()) keywords[halfOf(record.id)].push(k.trim());
}

const rows: string[] = [];
for (const shardBytes of SIZES) {
  log(`shards of ${shardBytes} bytes`);
  const index = buildShardIndex(days, 'bench', { shardBytes });
  const paths = shardFiles(index.manifest.version);
  const file = (path: string) => index.files.get(path)!;
  const compressed = Array.from(
    { length: index.manifest.shards },
    (_, k) => brotliCompressSync(file(paths.shard(k))).length,
  );
  const cells: string[] = [];
  for (const half of ['tune', 'held-out'] as const) {
    const random = seeded(7);
    let bytes = 0;
    let requests = 0;
    for (let s = 0; s < sessions; s++) {
      const reader = new ShardedSearch({
        manifest: index.manifest,
        ids: file(paths.ids) as string,
        docs: file(paths.docs) as Uint8Array,
        terms: file(paths.terms) as Uint8Array,
      });
      for (let q = 0; q < 5; q++) {
        const pool = keywords[half];
        const text = pool[Math.floor(random() * pool.length)]!;
        for (let i = 1; i <= text.length; i++)
          for (const k of reader.shardsFor(text.slice(0, i))) {
            bytes += compressed[k]! + HEADERS;
            requests++;
            reader.addShard(k, file(paths.shard(k)) as Uint8Array);
          }
      }
    }
    cells.push(
      `${Math.round(bytes / sessions / 1000)} KB, ${Math.round(requests / sessions)} requests`,
    );
  }
  rows.push(
    `| ${shardBytes.toLocaleString('en-US')} | ${index.manifest.shards.toLocaleString('en-US')} | ${cells.join(' | ')} |`,
  );
}
process.stdout.write(
  `Shards fetched by a cold session of 5 corpus keywords typed letter by letter, ${size.toLocaleString('en-US')} papers, mean of ${sessions} sessions\n\n` +
    `| shard size (bytes, before compression) | shard files | tune half | held-out half |\n| ---: | ---: | ---: | ---: |\n${rows.join('\n')}\n`,
);
