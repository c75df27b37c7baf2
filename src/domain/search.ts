/**
 * Paperboy's full-text search: an inverted index over title, abstract and topic/author text,
 * ranked by BM25F, with prefix expansion of the word being typed and one-edit typo tolerance
 * through a deletion index (the SymSpell idea, kept in typed arrays); words of 9+ letters
 * forgive two typos ("difussion", "automatical"), unless both are missing letters. Every word of
 * the query must match (in any field); papers with every query word in the title rank first.
 *
 * Goals: one frame (16 ms) per query at 20,000 papers, typo-tolerant, ranked for known-item
 * search. `-word` leaves out papers with a word starting with it (exactly, for one or two
 * letters); "quoted words" must follow each other in the title or abstract (checked on the
 * papers that have all the words). Non-goals: OR, stemming (prefixes cover most plurals).
 * fuse.js stays for short strings (topic names, title quick-jump), where it is the right tool.
 * This file builds the index in memory; the ranking, shared with the split index of
 * search-shards.ts, is search-core.ts's Ranker.
 */
export { highlight, type TextPart } from './highlight';
import { containsRun, parseQuery, tokenize } from './tokenize';
import {
  Ranker,
  TF_MAX,
  TF_SHIFT,
  idfOf,
  lengthNorms,
  indexedFields,
  type Postings,
} from './search-core';
export { MAX_TERM_LENGTH, MAX_TYPO_LENGTH, withinOneEdit, withinTwoEdits } from './search-core';

export interface SearchDoc {
  id: string;
  title: string;
  abstract: string;
  /** Extra searchable words (topic labels, authors); weighted between title and abstract. */
  extra?: string;
}

export interface SearchHit {
  id: string;
  /** Position of the paper in the array given to createSearch. */
  index: number;
  score: number;
  /** Every query word matched in the title. */
  inTitle: boolean;
  /**
   * Index terms this query matched: exact words, prefix completions and typo corrections. The
   * same array is shared by all hits of a query; highlight by finding these terms in the text.
   */
  matches: string[];
}

export interface SearchOptions {
  /** Expand the last word as a prefix (it is still being typed). Default true. */
  prefix?: boolean;
  /**
   * Accept one typo (insertion, deletion, substitution or swap) in words of 4+ letters, and two
   * in words of 9+ letters (but not two missing letters). Default true.
   */
  fuzzy?: boolean;
  /** Only papers whose index passes this test (a scope or a filter). */
  filter?: (index: number) => boolean;
  /** At most this many hits, best first. */
  limit?: number;
}

/** The hits of a query as parallel typed arrays, best first: no object per hit. */
export interface RankedHits {
  /** Positions of the papers in the array given to createSearch. */
  indexes: Int32Array;
  scores: Float64Array;
  /** 1 where every query word is in the title. */
  inTitle: Uint8Array;
  /** As SearchHit.matches. */
  matches: string[];
  /**
   * Set when no paper has every word: the hits are the papers with the most of them, `matched`
   * of the query's `words`.
   */
  partial?: { matched: number; words: number };
}

export interface SearchEngine {
  /** Number of papers indexed. */
  readonly size: number;
  /** Ranked hits for a query; an empty or stop-word-only query gives no hits. */
  search(query: string, options?: SearchOptions): SearchHit[];
  /** The same ranking as typed arrays, for callers that handle thousands of hits. */
  rank(query: string, options?: SearchOptions): RankedHits;
  /** The words to find as the engine reads them (stop words and `-words` dropped), for messages. */
  queryWords(query: string): string[];
}

export interface SearchBuilder {
  /** Indexes more papers; their positions continue from the papers added before. */
  add(docs: readonly SearchDoc[]): void;
  /** Freezes the index into its query form. The builder is not used after. */
  build(): SearchEngine;
}

/** Builds the index in steps, so the archive can index each day as it arrives. */
export function createSearchBuilder(): SearchBuilder {
  const docs: SearchDoc[] = [];
  const termIds = new Map<string, number>();
  const termList: string[] = [];
  // Per term, growable posting lists: doc ids and term frequency per field.
  const postDocs: number[][] = [];
  const postTf: number[][] = [];
  const fieldLengths: number[][] = [[], [], []];
  // The doc a term was last seen in and its slot there, so a repeated word bumps its count.
  const lastDoc: number[] = [];
  const lastSlot: number[] = [];

  const add = (batch: readonly SearchDoc[]) => {
    for (const doc of batch) {
      const d = docs.length;
      docs.push(doc);
      indexedFields(doc).forEach(({ length, words }, f) => {
        fieldLengths[f]!.push(length);
        for (const word of words) {
          let id = termIds.get(word);
          if (id === undefined) {
            id = termList.length;
            termIds.set(word, id);
            termList.push(word);
            postDocs.push([]);
            postTf.push([]);
            lastDoc.push(-1);
            lastSlot.push(0);
          }
          // tf packed as title | abstract << 8 | extra << 20, each saturating.
          const shift = TF_SHIFT[f]!;
          const max = TF_MAX[f]!;
          if (lastDoc[id] !== d) {
            lastDoc[id] = d;
            lastSlot[id] = postDocs[id]!.length;
            postDocs[id]!.push(d);
            postTf[id]!.push(1 << shift);
          } else {
            const slot = lastSlot[id]!;
            const packed = postTf[id]![slot]!;
            if (((packed >>> shift) & max) < max) postTf[id]![slot] = packed + (1 << shift);
          }
        }
      });
    }
  };

  return { add, build: () => freeze(docs, termIds, termList, postDocs, postTf, fieldLengths) };
}

/** Builds the index of `docs` in one go. Linear in the text; about a second for 20,000 abstracts. */
export function createSearch(docs: readonly SearchDoc[]): SearchEngine {
  const builder = createSearchBuilder();
  builder.add(docs);
  return builder.build();
}

function freeze(
  docs: readonly SearchDoc[],
  termIds: Map<string, number>,
  termList: string[],
  postDocs: number[][],
  postTf: number[][],
  fieldLengths: number[][],
): SearchEngine {
  const n = docs.length;
  const postings: Postings[] = postDocs.map((list, term) => ({
    docs: Int32Array.from(list),
    tfs: Uint32Array.from(postTf[term]!),
  }));
  postDocs.length = 0;
  postTf.length = 0;
  const df = Int32Array.from(postings, (p) => p.docs.length);
  // Sorted terms for prefix ranges.
  const sorted = Int32Array.from(termList.keys()).sort((a, b) =>
    termList[a]! < termList[b]! ? -1 : termList[a]! > termList[b]! ? 1 : 0,
  );
  const ranker = new Ranker(
    {
      n,
      terms: termList,
      termIds,
      sorted,
      df,
      idf: idfOf(df, n),
      norm: lengthNorms(fieldLengths, n),
    },
    (term) => postings[term]!,
  );
  // Built now rather than on the first typo, so no keystroke pays for it.
  ranker.deletionIndex();

  /** A phrase is in a paper when its words follow each other in the title or the abstract. */
  const hasPhrases = (d: number, phrases: readonly string[][]): boolean => {
    const doc = docs[d]!;
    let title: string[] | null = null;
    let abstract: string[] | null = null;
    return phrases.every(
      (run) =>
        containsRun((title ??= tokenize(doc.title)), run) ||
        containsRun((abstract ??= tokenize(doc.abstract)), run),
    );
  };

  const rank = (query: string, options: SearchOptions = {}): RankedHits => {
    const parts = parseQuery(query);
    const { phrases } = parts;
    return ranker.rank(parts, options, phrases.length ? (d) => hasPhrases(d, phrases) : undefined);
  };

  const search = (query: string, options?: SearchOptions): SearchHit[] => {
    const r = rank(query, options);
    return Array.from(r.indexes, (d, i) => ({
      id: docs[d]!.id,
      index: d,
      score: r.scores[i]!,
      inTitle: r.inTitle[i] === 1,
      matches: r.matches,
    }));
  };

  const queryWords = (query: string) => ranker.wordsOf(parseQuery(query).text);

  return { size: n, search, rank, queryWords };
}
