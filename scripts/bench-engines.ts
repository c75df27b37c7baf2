/**
 * The in-memory search engines `npm run bench` compares, each over the same papers (title and
 * abstract only) and each configured as its own documentation recommends for this use:
 *
 * - paperboy: createSearch from src/domain/search.ts, as the app calls it.
 * - fuse.js default: `keys: ['title', 'abstract']` and nothing else.
 * - fuse.js extended: `useExtendedSearch: true`, where a space means AND of fuzzy terms, with
 *   `ignoreLocation: true` (fuse.js otherwise scores a match by its distance from the start of
 *   the text, `distance: 100`, so words past the first ~60 characters of an abstract are missed).
 * - fuse.js extended, location on: the same without `ignoreLocation` (not run by default; shows
 *   what the location scoring costs on abstracts).
 * - fuse.js token: `useTokenSearch: true`, which fuse.js 7.5's documentation presents for
 *   multi-word queries and document search (each word fuzzy-matched, ranked by IDF).
 * - MiniSearch: fields title and abstract, the README's search options `boost: { title: 2 }`,
 *   `fuzzy: 0.2`, plus `prefix: true` (every word may be a prefix, as the app's last word is).
 *
 * Pagefind, which answers from files on a static host, lives in bench-pagefind.ts.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import MiniSearch from 'minisearch';
import { createSearch, type SearchEngine } from '../src/domain/search.ts';

export interface BenchPaper {
  title: string;
  abstract: string;
}

export interface Engine {
  name: string;
  /** Indexes the papers; a later search returns positions in this array, best first. */
  build(papers: readonly BenchPaper[]): void;
  search(query: string): number[];
}

export function paperboyEngine(): Engine {
  let engine: SearchEngine | null = null;
  return {
    name: 'paperboy',
    build: (papers) => {
      engine = createSearch(
        papers.map((p, i) => ({ id: String(i), title: p.title, abstract: p.abstract })),
      );
    },
    search: (q) => Array.from(engine!.rank(q).indexes),
  };
}

function fuseEngine(name: string, options: IFuseOptions<BenchPaper>): Engine {
  let fuse: Fuse<BenchPaper> | null = null;
  return {
    name,
    build: (papers) => {
      fuse = new Fuse(papers as BenchPaper[], { keys: ['title', 'abstract'], ...options });
    },
    search: (q) => fuse!.search(q).map((r) => r.refIndex),
  };
}

export const fuseDefault = () => fuseEngine('fuse.js default', {});
export const fuseExtended = () =>
  fuseEngine('fuse.js extended', { useExtendedSearch: true, ignoreLocation: true });
/** Extended search with fuse.js's location scoring left on: fast, but blind past an abstract's start. */
export const fuseExtendedLocation = () =>
  fuseEngine('fuse.js extended, location on', { useExtendedSearch: true });
export const fuseToken = () => fuseEngine('fuse.js token', { useTokenSearch: true });

export function miniSearchEngine(): Engine {
  let index: MiniSearch<BenchPaper & { id: number }> | null = null;
  return {
    name: 'MiniSearch',
    build: (papers) => {
      index = new MiniSearch<BenchPaper & { id: number }>({
        fields: ['title', 'abstract'],
        searchOptions: { boost: { title: 2 }, fuzzy: 0.2, prefix: true },
      });
      index.addAll(papers.map((p, id) => ({ id, title: p.title, abstract: p.abstract })));
    },
    search: (q) => index!.search(q).map((r) => r.id as number),
  };
}

/** Every in-memory engine, by the name `--engines` takes. */
export const ENGINES: Record<string, () => Engine> = {
  paperboy: paperboyEngine,
  'fuse-default': fuseDefault,
  'fuse-extended': fuseExtended,
  'fuse-token': fuseToken,
  'fuse-extended-location': fuseExtendedLocation,
  minisearch: miniSearchEngine,
};

/** The engines a plain `npm run bench` runs. */
export const DEFAULT_ENGINES = [
  'paperboy',
  'fuse-default',
  'fuse-extended',
  'fuse-token',
  'minisearch',
];

/** fuse.js scans every paper per query: the bench gives it fewer queries (it says how many). */
export const isFuse = (e: Engine) => e.name.startsWith('fuse.js');
