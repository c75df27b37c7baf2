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
 */
export { highlight, type TextPart } from './highlight';
import { STOP_WORDS, containsRun, parseQuery, tokenize } from './tokenize';

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

const FIELD_WEIGHTS = [3, 1, 2] as const;
const K1 = 1.2;
const B = 0.75;
const MAX_QUERY_WORDS = 16;
const MAX_PREFIX_EXPANSIONS = 40;
const FUZZY_WEIGHT = 0.6;
/** Words this long may have two typos, the threshold Meilisearch uses by default. */
const LONG_WORD = 9;
const TWO_TYPO_WEIGHT = 0.45;
/** Words in fewer papers than this may be typos and get one-edit neighbours too. */
const RARE = 5;
/** Added to the score of papers with every query word in the title, so they sort first. */
const TITLE_BONUS = 1e6;

/** 32-bit FNV-1a over UTF-16 code units. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** True when a and b differ by at most one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * True when a and b are at most two edits apart (insertions, deletions, substitutions or
 * adjacent swaps; the optimal string alignment distance), computed in one banded pass.
 */
export function withinTwoEdits(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 2) return false;
  // Three rows of the edit-distance table: two back (for swaps), one back, current.
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let row = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > 2) return false;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[lb]! <= 2;
}

/**
 * Longer "words" are not words (a pasted hash, a hostile 1,000,000-letter name): not indexed, so
 * no record can make the index, or typing, slow.
 */
export const MAX_TERM_LENGTH = 64;
/** Typo variants (one deletion each) are kept only for words of sane length: the deletion index
 * holds length + 1 entries per word, so its size stays linear in the text. */
export const MAX_TYPO_LENGTH = 24;

const searchable = (term: string) => term.length <= MAX_TERM_LENGTH && !STOP_WORDS.has(term);
const typoTolerant = (term: string) => term.length >= 4 && term.length <= MAX_TYPO_LENGTH;

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
      const fields = [doc.title, doc.abstract, doc.extra ?? ''];
      for (let f = 0; f < 3; f++) {
        const words = tokenize(fields[f]!);
        fieldLengths[f]!.push(words.length);
        for (const word of words) {
          if (!searchable(word)) continue;
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
          const shift = f === 0 ? 0 : f === 1 ? 8 : 20;
          const max = f === 1 ? 0xfff : 0xff;
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
      }
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
  const termCount = termList.length;
  const docsOf = postDocs.map((list) => Int32Array.from(list));
  const tfOf = postTf.map((list) => Uint32Array.from(list));
  postDocs.length = 0;
  postTf.length = 0;
  const df = Int32Array.from(docsOf, (list) => list.length);
  const idf = Float64Array.from(df, (k) => Math.log(1 + (n - k + 0.5) / (k + 0.5)));
  const avg = fieldLengths.map(
    (lengths) => lengths.reduce((s, x) => s + x, 0) / Math.max(1, n) || 1,
  );
  // Per-doc length normalisation of each field, precomputed: 1 - b + b * len / avg.
  const norm = fieldLengths.map((lengths, f) =>
    Float32Array.from(lengths, (len) => 1 - B + (B * len) / avg[f]!),
  );

  // Sorted terms for prefix ranges.
  const sortedTerms = Int32Array.from(termList.keys()).sort((a, b) =>
    termList[a]! < termList[b]! ? -1 : termList[a]! > termList[b]! ? 1 : 0,
  );

  // Deletion index: hash of every one-letter deletion of every term (and of the term itself) →
  // term, sorted by hash. A query word finds its one-edit neighbours through its own deletions.
  // Each pair is packed as hash * 2^21 + term in one float64 (exact below 2^53), so a plain
  // numeric sort orders them without a comparator.
  let pairs = 0;
  for (const term of termList) if (typoTolerant(term)) pairs += term.length + 1;
  const packedPairs = new Float64Array(pairs);
  {
    let at = 0;
    termList.forEach((term, id) => {
      if (!typoTolerant(term)) return;
      packedPairs[at++] = hash32(term) * 2 ** 21 + id;
      for (let i = 0; i < term.length; i++)
        packedPairs[at++] = hash32(term.slice(0, i) + term.slice(i + 1)) * 2 ** 21 + id;
    });
    packedPairs.sort();
  }
  const delHash = Uint32Array.from(packedPairs, (x) => Math.floor(x / 2 ** 21));
  const delTerm = Int32Array.from(packedPairs, (x) => x % 2 ** 21);

  const lowerBound = (key: string): number => {
    let lo = 0;
    let hi = termCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (termList[sortedTerms[mid]!]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const byHash = (h: number, out: Set<number>) => {
    let lo = 0;
    let hi = pairs;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (delHash[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < pairs && delHash[i] === h; i++) out.add(delTerm[i]!);
  };

  /** Terms a query word stands for, with how much each counts (exact 1, prefix and typo less). */
  const expand = (word: string, asPrefix: boolean, fuzzy: boolean): Map<number, number> => {
    const out = new Map<number, number>();
    const exact = termIds.get(word);
    if (exact !== undefined) out.set(exact, 1);
    if (asPrefix) {
      const start = lowerBound(word);
      const range: number[] = [];
      for (let i = start; i < termCount; i++) {
        const id = sortedTerms[i]!;
        if (!termList[id]!.startsWith(word)) break;
        if (id !== exact) range.push(id);
      }
      // One or two typed letters match most of the vocabulary: one letter is taken as a word,
      // two letters expand to their commonest completions only.
      const cap = word.length === 1 ? 0 : word.length === 2 ? 12 : MAX_PREFIX_EXPANSIONS;
      if (range.length > cap) range.sort((a, b) => df[b]! - df[a]!).length = cap;
      for (const id of range) out.set(id, 0.5 + (0.4 * word.length) / termList[id]!.length);
    }
    // A word the papers use often is taken as meant; only rare or unknown words get corrected.
    if (fuzzy && typoTolerant(word) && (exact === undefined || df[exact]! < RARE)) {
      const candidates = new Set<number>();
      byHash(hash32(word), candidates);
      for (let i = 0; i < word.length; i++)
        byHash(hash32(word.slice(0, i) + word.slice(i + 1)), candidates);
      // A long word may have two typos. Its one-letter deletions meet the terms' one-letter
      // deletions for a letter wrong and another misplaced ("difussion"); its two-letter
      // deletions add the terms it has a letter or two too many of ("automatical").
      const long = word.length >= LONG_WORD;
      if (long)
        for (let i = 0; i < word.length; i++)
          for (let j = i + 1; j < word.length; j++)
            byHash(hash32(word.slice(0, i) + word.slice(i + 1, j) + word.slice(j + 1)), candidates);
      for (const id of candidates) {
        if (out.has(id)) continue;
        const term = termList[id]!;
        if (withinOneEdit(word, term)) out.set(id, FUZZY_WEIGHT);
        else if (long && withinTwoEdits(word, term)) out.set(id, TWO_TYPO_WEIGHT);
      }
    }
    return out;
  };

  const wordsOf = (text: string): string[] => {
    const words = tokenize(text.slice(0, 1000));
    const kept = words.filter(searchable);
    return [...new Set(kept.length ? kept : words)].slice(0, MAX_QUERY_WORDS);
  };
  const queryWords = (query: string) => wordsOf(parseQuery(query).text);

  // Papers a query leaves out (`-word`): the docs of the word's exact term, and of its
  // completions from three letters on. Marked in `banned`, listed in `bannedList` to clear.
  const banned = new Uint8Array(n);
  const bannedList: number[] = [];
  const ban = (excluded: readonly string[]) => {
    for (const word of excluded.slice(0, MAX_QUERY_WORDS)) {
      const terms: number[] = [];
      if (word.length < 3) {
        const exact = termIds.get(word);
        if (exact !== undefined) terms.push(exact);
      } else
        for (let i = lowerBound(word); i < termCount; i++) {
          const id = sortedTerms[i]!;
          if (!termList[id]!.startsWith(word)) break;
          terms.push(id);
        }
      for (const id of terms)
        for (const d of docsOf[id]!)
          if (!banned[d]) {
            banned[d] = 1;
            bannedList.push(d);
          }
    }
  };

  // Scratch space reused by every query: no allocation proportional to the index per keystroke.
  const matched = new Uint8Array(n);
  const titleWords = new Uint8Array(n);
  const score = new Float64Array(n);
  const wordScore = new Float64Array(n);
  const wordInTitle = new Uint8Array(n);

  const none: RankedHits = {
    indexes: new Int32Array(0),
    scores: new Float64Array(0),
    inTitle: new Uint8Array(0),
    matches: [],
  };
  const rank = (query: string, options: SearchOptions = {}): RankedHits => {
    const { text, excluded, phrases } = parseQuery(query);
    const words = wordsOf(text);
    if (n === 0 || (!words.length && !excluded.length)) return none;
    ban(excluded);
    try {
      return words.length ? rankWords(text, words, phrases, options) : allBut(options);
    } finally {
      for (const d of bannedList) banned[d] = 0;
      bannedList.length = 0;
    }
  };

  /** Only words to leave out: every other paper, in index order. */
  const allBut = (options: SearchOptions): RankedHits => {
    const hits: number[] = [];
    const limit = options.limit ?? n;
    for (let d = 0; d < n && hits.length < limit; d++)
      if (!banned[d] && (!options.filter || options.filter(d))) hits.push(d);
    return {
      indexes: Int32Array.from(hits),
      scores: new Float64Array(hits.length),
      inTitle: new Uint8Array(hits.length),
      matches: [],
    };
  };

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

  const rankWords = (
    text: string,
    words: string[],
    phrases: readonly string[][],
    options: SearchOptions,
  ): RankedHits => {
    const typing = options.prefix !== false && !/\s$/.test(text);
    const fuzzy = options.fuzzy !== false;
    const expansions = words.map((w, i) => expand(w, typing && i === words.length - 1, fuzzy));
    if (expansions.some((e) => e.size === 0)) return none;
    const cost = (e: Map<number, number>) => [...e.keys()].reduce((s, id) => s + df[id]!, 0);
    const order = expansions.map((e, i) => ({ e, c: cost(e), i })).sort((a, b) => a.c - b.c);
    const filter = options.filter;
    let candidates: number[] = [];
    const touched: number[] = [];
    for (let j = 0; j < order.length; j++) {
      const { e } = order[j]!;
      for (const [term, weight] of e) {
        const docs = docsOf[term]!;
        const tfs = tfOf[term]!;
        const w = weight * idf[term]!;
        for (let k = 0; k < docs.length; k++) {
          const d = docs[k]!;
          if (matched[d] !== j) continue;
          if (j === 0 && (banned[d] || (filter && !filter(d)))) continue;
          const packed = tfs[k]!;
          const tTitle = packed & 0xff;
          const tf =
            (FIELD_WEIGHTS[0] * tTitle) / norm[0]![d]! +
            (FIELD_WEIGHTS[1] * ((packed >>> 8) & 0xfff)) / norm[1]![d]! +
            (FIELD_WEIGHTS[2] * (packed >>> 20)) / norm[2]![d]!;
          const s = (w * tf) / (K1 + tf);
          if (wordScore[d] === 0) touched.push(d);
          if (s > wordScore[d]!) wordScore[d] = s;
          if (tTitle > 0) wordInTitle[d] = 1;
        }
      }
      for (const d of touched) {
        score[d]! += wordScore[d]!;
        titleWords[d]! += wordInTitle[d]!;
        matched[d] = j + 1;
        wordScore[d] = 0;
        wordInTitle[d] = 0;
      }
      if (j === 0) candidates = touched.slice();
      touched.length = 0;
    }
    const all = order.length;
    const hits: number[] = [];
    for (const d of candidates) {
      if (matched[d] === all && (!phrases.length || hasPhrases(d, phrases))) hits.push(d);
      matched[d] = 0;
    }
    for (const d of hits) if (titleWords[d] === all) score[d]! += TITLE_BONUS;
    hits.sort((a, b) => score[b]! - score[a]! || a - b);
    const limit = options.limit ?? hits.length;
    const matches: string[] = [];
    for (const e of expansions) for (const id of e.keys()) matches.push(termList[id]!);
    const count = Math.min(limit, hits.length);
    const result: RankedHits = {
      indexes: new Int32Array(count),
      scores: new Float64Array(count),
      inTitle: new Uint8Array(count),
      matches,
    };
    for (let i = 0; i < count; i++) {
      const d = hits[i]!;
      const inTitle = titleWords[d] === all;
      result.indexes[i] = d;
      result.scores[i] = Math.round((inTitle ? score[d]! - TITLE_BONUS : score[d]!) * 1000) / 1000;
      result.inTitle[i] = inTitle ? 1 : 0;
    }
    for (const d of candidates) {
      score[d] = 0;
      titleWords[d] = 0;
    }
    return result;
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

  return { size: n, search, rank, queryWords };
}
