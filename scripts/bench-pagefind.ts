/**
 * Pagefind on the benchmark's papers: the index its Node API builds (createIndex, addHTMLFile,
 * getFiles), and its own search runtime (the pagefind.js it writes, with its WebAssembly) run in
 * Node. The runtime fetches its files on demand; here `fetch` is answered from the built files
 * in memory and every file it asks for is counted, so a search session's bytes are those a
 * browser would download on a cold cache. Latency is the runtime's own work in Node (decoding
 * chunks, searching, reading fragments), without network time.
 *
 * Each paper is one page: `<h1>` title (Pagefind weights h1 text 7× body text by default) and
 * the abstract as a paragraph, so Pagefind ranks the way it would on a static site of papers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import type { BenchPaper } from './bench-engines.ts';

/** A built Pagefind index: its files by path, and what they weigh. */
export interface PagefindBundle {
  files: Map<string, Uint8Array>;
  stats: PagefindStats;
}

/** What a Pagefind index is made of, in bytes as a static host stores them. */
export interface PagefindStats {
  buildMs: number;
  /** Files a search needs: pagefind.js, the wasm, the entry, the metadata, chunks, fragments. */
  searchFiles: number;
  searchBytes: number;
  indexChunks: { count: number; bytes: number };
  fragments: { count: number; bytes: number };
  /** Loaded by every session before the first result: entry, metadata, wasm, pagefind.js (gzip). */
  fixedBytes: number;
  /** The UI bundles Pagefind also writes (not needed to search). */
  uiBytes: number;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const isUi = (path: string) => /^pagefind-(ui|modular-ui|component-ui|highlight)\b/.test(path);

/** Builds the Pagefind index of the papers; page i has the URL /p/i/. */
export async function buildPagefind(papers: readonly BenchPaper[]): Promise<PagefindBundle> {
  const start = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind createIndex: ${errors.join('; ')}`);
  // The service answers requests in order; a few hundred in flight keep it busy.
  const BATCH = 256;
  for (let from = 0; from < papers.length; from += BATCH) {
    const replies = await Promise.all(
      papers.slice(from, from + BATCH).map((p, k) =>
        index.addHTMLFile({
          url: `/p/${from + k}/`,
          content: `<html lang="en"><body><h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.abstract)}</p></body></html>`,
        }),
      ),
    );
    const failed = replies.find((r) => r.errors.length);
    if (failed) throw new Error(`pagefind addHTMLFile: ${failed.errors.join('; ')}`);
  }
  const got = await index.getFiles();
  if (got.errors.length) throw new Error(`pagefind getFiles: ${got.errors.join('; ')}`);
  await index.deleteIndex();
  const buildMs = performance.now() - start;
  const files = new Map(got.files.map((f) => [f.path, f.content]));
  const sum = (pred: (path: string) => boolean) => {
    let count = 0;
    let bytes = 0;
    for (const [path, content] of files)
      if (pred(path)) {
        count++;
        bytes += content.length;
      }
    return { count, bytes };
  };
  const runtimeGzip = gzipSync(files.get('pagefind.js')!).length;
  const fixed = sum(
    (p) => p === 'pagefind-entry.json' || p.endsWith('.pf_meta') || p.startsWith('wasm.en'),
  );
  const search = sum(
    (p) => !isUi(p) && !p.startsWith('wasm.unknown') && p !== 'pagefind-worker.js',
  );
  return {
    files,
    stats: {
      buildMs,
      searchFiles: search.count,
      searchBytes: search.bytes,
      indexChunks: sum((p) => p.startsWith('index/')),
      fragments: sum((p) => p.startsWith('fragment/')),
      fixedBytes: fixed.bytes + runtimeGzip,
      uiBytes: sum(isUi).bytes,
    },
  };
}

/** Closes the Pagefind indexing service (its binary runs until then). */
export const closePagefind = () => pagefind.close();

interface PagefindResult {
  data(): Promise<{ url: string }>;
}
interface PagefindApi {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] }>;
  destroy(): Promise<void>;
}

/** A Pagefind search session on a cold cache: every file it fetches is counted. */
export interface PagefindSession {
  /** Positions of the first `show` results (their fragments loaded, as a result list would). */
  search(query: string, show: number): Promise<number[]>;
  /** Bytes fetched so far (pagefind.js counted gzip-compressed, as a host serves it). */
  bytes(): number;
  /** The same bytes by kind: runtime, wasm and metadata; index chunks; result fragments. */
  breakdown(): { fixed: number; chunks: number; fragments: number };
  requests(): number;
  close(): Promise<void>;
}

/**
 * Runs Pagefind's own runtime over a bundle. Each session imports a fresh copy of pagefind.js,
 * so nothing is cached between sessions. `fetch` is replaced while sessions are open.
 */
export function pagefindRuntime(bundle: PagefindBundle) {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-pagefind-'));
  const runtime = join(dir, 'pagefind.js');
  writeFileSync(runtime, bundle.files.get('pagefind.js')!);
  const runtimeGzip = gzipSync(bundle.files.get('pagefind.js')!).length;
  const realFetch = globalThis.fetch;
  let log: [path: string, bytes: number][] = [];
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.replace(/^.*?\/pagefind\//, '').replace(/[?#].*$/, '');
    const body = bundle.files.get(path);
    if (!body) return new Response('not found', { status: 404 });
    log.push([path, body.length]);
    return new Response(body as Uint8Array<ArrayBuffer>);
  }) as typeof fetch;
  let sessions = 0;

  const open = async (): Promise<PagefindSession> => {
    const mine: [string, number][] = [['pagefind.js', runtimeGzip]];
    log = mine;
    const api = (await import(
      `${pathToFileURL(runtime).href}?session=${sessions++}`
    )) as PagefindApi;
    await api.options({ basePath: '/pagefind/', excerptLength: 0 });
    return {
      search: async (query, show) => {
        log = mine;
        const { results } = await api.search(query);
        const data = await Promise.all(results.slice(0, show).map((r) => r.data()));
        return data.map((d) => Number(d.url.split('/')[2]));
      },
      bytes: () => mine.reduce((sum, [, bytes]) => sum + bytes, 0),
      breakdown: () => {
        const out = { fixed: 0, chunks: 0, fragments: 0 };
        for (const [path, bytes] of mine)
          out[
            path.startsWith('index/')
              ? 'chunks'
              : path.startsWith('fragment/')
                ? 'fragments'
                : 'fixed'
          ] += bytes;
        return out;
      },
      requests: () => mine.length,
      close: () => api.destroy(),
    };
  };

  const dispose = () => {
    globalThis.fetch = realFetch;
    rmSync(dir, { recursive: true, force: true });
  };
  return { open, dispose };
}
