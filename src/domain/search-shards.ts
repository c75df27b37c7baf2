/**
 * Search over the split index (search-shards-format.ts) that fetches only what a query needs:
 * the vocabulary and per-paper facts once, then the postings shards of the terms the query's
 * words expand to. It ranks exactly as search.ts does over the same papers (same BM25F, prefix
 * expansion of the word being typed, typo tolerance through the same deletion index, `-words`),
 * which tests/domain/search-shards.test.ts checks against createSearch.
 *
 * Goals: the first query of a session loads a few shards, not the archive; every later query is
 * as fast as the in-memory engine. Non-goals: "quoted phrases" (they need the text: the archive
 * answers those from the day files), fetching (the caller fetches `shardsFor` and adds them).
 */
import type { Paper } from './schema';
import {
  MAX_TERM_LENGTH,
  MAX_TYPO_LENGTH,
  withinOneEdit,
  withinTwoEdits,
  type RankedHits,
  type SearchEngine,
  type SearchHit,
  type SearchOptions,
} from './search';
import { STOP_WORDS, parseQuery, tokenize } from './tokenize';
import {
  ByteReader,
  SHARD_FORMAT,
  readFrequencies,
  readTerms,
  type ShardManifest,
} from './search-shards-format';

// The ranking constants of search.ts; the equivalence test fails when they drift apart.
const FIELD_WEIGHTS = [3, 1, 2] as const;
const K1 = 1.2;
const B = 0.75;
const MAX_QUERY_WORDS = 16;
const MAX_PREFIX_EXPANSIONS = 40;
const FUZZY_WEIGHT = 0.6;
const LONG_WORD = 9;
const TWO_TYPO_WEIGHT = 0.45;
const RARE = 5;
const TITLE_BONUS = 1e6;

const searchable = (term: string) => term.length <= MAX_TERM_LENGTH && !STOP_WORDS.has(term);
const typoTolerant = (term: string) => term.length >= 4 && term.length <= MAX_TYPO_LENGTH;

/** 32-bit FNV-1a over UTF-16 code units: search.ts's hash, so typo candidates are the same. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The files a ShardedSearch opens with, as fetched. */
export interface ShardedSearchFiles {
  manifest: ShardManifest;
  ids: string;
  docs: Uint8Array;
  terms: Uint8Array;
}

/** Whether a parsed manifest is one this reader can read; a message naming the problem if not. */
export function manifestProblem(data: unknown): string | null {
  const m = data as Partial<ShardManifest> | null;
  if (typeof m !== 'object' || m === null) return 'the search manifest is not an object';
  if (m.format !== SHARD_FORMAT)
    return `the search index has format ${JSON.stringify(m.format ?? null)}; this Paperboy reads format ${SHARD_FORMAT}`;
  if (
    typeof m.version !== 'string' ||
    !/^[a-z0-9-]+$/.test(m.version) ||
    typeof m.papers !== 'number' ||
    typeof m.shards !== 'number' ||
    !Array.isArray(m.days) ||
    !Array.isArray(m.topics)
  )
    return 'the search manifest lacks its version, sizes, days or topics';
  return null;
}

const NONE: RankedHits = {
  indexes: new Int32Array(0),
  scores: new Float64Array(0),
  inTitle: new Uint8Array(0),
  matches: [],
};

const CODE_LINKS: Paper['links'] = [{ kind: 'code', url: 'https://example.invalid/' }];
const NO_LINKS: Paper['links'] = [];

export class ShardedSearch implements SearchEngine {
  readonly size: number;
  readonly manifest: ShardManifest;
  /**
   * Per paper, what runQuery reads (id, date, topics, has code, upvotes) with the title replaced
   * by its rank in title order, zero-padded, so feed.ts's title sort orders them as the titles.
   * Only ids and dates leave the worker; result rows come from the per-paper files.
   */
  readonly papers: Paper[];
  private readonly terms: string[];
  private readonly termIds = new Map<string, number>();
  private readonly df: Int32Array;
  private readonly idf: Float64Array;
  private readonly norm: Float32Array[];
  private readonly shardStarts: Int32Array;
  private readonly docsOf: (Int32Array | undefined)[];
  private readonly tfOf: (Uint32Array | undefined)[];
  private readonly loaded: Uint8Array;
  private byId: Map<string, number> | null = null;
  private deletions: { hash: Uint32Array; term: Int32Array } | null = null;
  /** Reused by every query, as search.ts's: nothing proportional to the index per keystroke. */
  private scratch: {
    banned: Uint8Array;
    matched: Uint8Array;
    titleWords: Uint8Array;
    score: Float64Array;
    wordScore: Float64Array;
    wordInTitle: Uint8Array;
  } | null = null;

  constructor(files: ShardedSearchFiles) {
    const { manifest } = files;
    this.manifest = manifest;
    const n = manifest.papers;
    this.size = n;
    const ids = files.ids.split('\n', n);
    if (ids.length !== n)
      throw new Error(`ids.txt of the search index has ${ids.length} ids for ${n} papers`);

    const termsIn = new ByteReader(files.terms, 'terms.bin of the search index');
    this.terms = readTerms(termsIn);
    const termCount = this.terms.length;
    this.terms.forEach((t, i) => this.termIds.set(t, i));
    this.df = new Int32Array(termCount);
    for (let i = 0; i < termCount; i++) this.df[i] = termsIn.uint();
    this.idf = Float64Array.from(this.df, (k) => Math.log(1 + (n - k + 0.5) / (k + 0.5)));
    const shards = termsIn.uint();
    this.shardStarts = new Int32Array(shards);
    for (let k = 0, at = 0; k < shards; k++) this.shardStarts[k] = at += termsIn.uint();
    this.docsOf = new Array<Int32Array | undefined>(termCount);
    this.tfOf = new Array<Uint32Array | undefined>(termCount);
    this.loaded = new Uint8Array(shards);

    const docsIn = new ByteReader(files.docs, 'docs.bin of the search index');
    const lengths = [0, 1, 2].map(() => {
      const column = new Uint32Array(n);
      for (let d = 0; d < n; d++) column[d] = docsIn.uint();
      return column;
    });
    // As search.ts: 1 - b + b * len / avg, with the average summed in the same order.
    this.norm = lengths.map((column) => {
      let sum = 0;
      for (const len of column) sum += len;
      const avg = sum / Math.max(1, n) || 1;
      return Float32Array.from(column, (len) => 1 - B + (B * len) / avg);
    });
    const topics = manifest.topics;
    const paperTopics = Array.from({ length: n }, () => {
      const count = docsIn.uint();
      const out = new Array<string>(count);
      for (let i = 0; i < count; i++) out[i] = topics[docsIn.uint()] ?? '';
      return out;
    });
    const code = Array.from({ length: n }, () => docsIn.uint() === 1);
    const votes = Array.from({ length: n }, () => docsIn.uint());
    const width = String(n).length;
    const dates: string[] = [];
    for (const day of manifest.days) for (let i = 0; i < day.count; i++) dates.push(day.date);
    this.papers = ids.map((id, d) => ({
      id,
      date: dates[d] ?? '',
      title: String(docsIn.uint()).padStart(width, '0'),
      abstract: '',
      topics: paperTopics[d]!,
      evidence: {},
      links: code[d] ? CODE_LINKS : NO_LINKS,
      wordCount: 0,
      ...(votes[d] ? { upvotes: votes[d] - 1 } : {}),
    }));
  }

  /** The position of a paper in the index, or -1. */
  indexOf(id: string): number {
    this.byId ??= new Map(this.papers.map((p, d) => [p.id, d]));
    return this.byId.get(id) ?? -1;
  }

  /** Whether this index can answer the query by itself (it cannot check "quoted phrases"). */
  canAnswer(query: string): boolean {
    return parseQuery(query).phrases.length === 0;
  }

  /** The postings shards a query needs that are not loaded yet, in order. */
  shardsFor(query: string, options: SearchOptions = {}): number[] {
    const { text, excluded } = parseQuery(query);
    const words = this.wordsOf(text);
    const needed = new Set<number>();
    const typing = options.prefix !== false && !/\s$/.test(text);
    const expansions = words.map((w, i) =>
      this.expand(w, typing && i === words.length - 1, options.fuzzy !== false),
    );
    // A word that matches no term leaves the result empty whatever the other words load.
    if (expansions.some((e) => e.size === 0)) return [];
    for (const e of expansions) for (const id of e.keys()) needed.add(this.shardOf(id));
    for (const id of this.bannedTerms(excluded)) needed.add(this.shardOf(id));
    return [...needed].filter((k) => !this.loaded[k]).sort((a, b) => a - b);
  }

  /** Adds a fetched shard: the postings of its run of terms. */
  addShard(k: number, bytes: Uint8Array) {
    if (k < 0 || k >= this.shardStarts.length || this.loaded[k]) return;
    const input = new ByteReader(bytes, `shard ${k} of the search index`);
    const end = k + 1 < this.shardStarts.length ? this.shardStarts[k + 1]! : this.terms.length;
    for (let id = this.shardStarts[k]!; id < end; id++) {
      const count = this.df[id]!;
      const docs = new Int32Array(count);
      const tfs = new Uint32Array(count);
      let d = 0;
      for (let i = 0; i < count; i++) {
        d += input.uint();
        docs[i] = d;
        tfs[i] = readFrequencies(input);
      }
      this.docsOf[id] = docs;
      this.tfOf[id] = tfs;
    }
    this.loaded[k] = 1;
  }

  /** How many shards are loaded, of how many. */
  get shardCount(): { loaded: number; total: number } {
    let loaded = 0;
    for (const x of this.loaded) loaded += x;
    return { loaded, total: this.loaded.length };
  }

  private shardOf(term: number): number {
    let lo = 0;
    let hi = this.shardStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.shardStarts[mid]! <= term) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** search.ts's deletion index over this vocabulary, built on the first typo to look up. */
  private deletionIndex() {
    if (this.deletions) return this.deletions;
    let pairs = 0;
    for (const term of this.terms) if (typoTolerant(term)) pairs += term.length + 1;
    const packed = new Float64Array(pairs);
    let at = 0;
    this.terms.forEach((term, id) => {
      if (!typoTolerant(term)) return;
      packed[at++] = hash32(term) * 2 ** 21 + id;
      for (let i = 0; i < term.length; i++)
        packed[at++] = hash32(term.slice(0, i) + term.slice(i + 1)) * 2 ** 21 + id;
    });
    packed.sort();
    this.deletions = {
      hash: Uint32Array.from(packed, (x) => Math.floor(x / 2 ** 21)),
      term: Int32Array.from(packed, (x) => x % 2 ** 21),
    };
    return this.deletions;
  }

  private byHash(h: number, out: Set<number>) {
    const { hash, term } = this.deletionIndex();
    let lo = 0;
    let hi = hash.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hash[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < hash.length && hash[i] === h; i++) out.add(term[i]!);
  }

  /** Terms a query word stands for, with how much each counts (as search.ts's expand). */
  private expand(word: string, asPrefix: boolean, fuzzy: boolean): Map<number, number> {
    const { terms, df } = this;
    const out = new Map<number, number>();
    const exact = this.termIds.get(word);
    if (exact !== undefined) out.set(exact, 1);
    if (asPrefix) {
      const range: number[] = [];
      for (let id = this.lowerBound(word); id < terms.length; id++) {
        if (!terms[id]!.startsWith(word)) break;
        if (id !== exact) range.push(id);
      }
      const cap = word.length === 1 ? 0 : word.length === 2 ? 12 : MAX_PREFIX_EXPANSIONS;
      if (range.length > cap) range.sort((a, b) => df[b]! - df[a]!).length = cap;
      for (const id of range) out.set(id, 0.5 + (0.4 * word.length) / terms[id]!.length);
    }
    if (fuzzy && typoTolerant(word) && (exact === undefined || df[exact]! < RARE)) {
      const candidates = new Set<number>();
      this.byHash(hash32(word), candidates);
      for (let i = 0; i < word.length; i++)
        this.byHash(hash32(word.slice(0, i) + word.slice(i + 1)), candidates);
      const long = word.length >= LONG_WORD;
      if (long)
        for (let i = 0; i < word.length; i++)
          for (let j = i + 1; j < word.length; j++)
            this.byHash(
              hash32(word.slice(0, i) + word.slice(i + 1, j) + word.slice(j + 1)),
              candidates,
            );
      for (const id of candidates) {
        if (out.has(id)) continue;
        const term = terms[id]!;
        if (withinOneEdit(word, term)) out.set(id, FUZZY_WEIGHT);
        else if (long && withinTwoEdits(word, term)) out.set(id, TWO_TYPO_WEIGHT);
      }
    }
    return out;
  }

  private wordsOf(text: string): string[] {
    const words = tokenize(text.slice(0, 1000));
    const kept = words.filter(searchable);
    return [...new Set(kept.length ? kept : words)].slice(0, MAX_QUERY_WORDS);
  }

  queryWords(query: string): string[] {
    return this.wordsOf(parseQuery(query).text);
  }

  /** Terms whose papers `-words` leave out: the exact term under 3 letters, else completions. */
  private bannedTerms(excluded: readonly string[]): number[] {
    const out: number[] = [];
    for (const word of excluded.slice(0, MAX_QUERY_WORDS)) {
      if (word.length < 3) {
        const exact = this.termIds.get(word);
        if (exact !== undefined) out.push(exact);
      } else
        for (let id = this.lowerBound(word); id < this.terms.length; id++) {
          if (!this.terms[id]!.startsWith(word)) break;
          out.push(id);
        }
    }
    return out;
  }

  private postings(term: number): { docs: Int32Array; tfs: Uint32Array } {
    const docs = this.docsOf[term];
    const tfs = this.tfOf[term];
    if (!docs || !tfs)
      throw new Error(
        `the postings of "${this.terms[term]}" are not loaded: fetch shardsFor(query) first`,
      );
    return { docs, tfs };
  }

  rank(query: string, options: SearchOptions = {}): RankedHits {
    const { text, excluded, phrases } = parseQuery(query);
    if (phrases.length)
      throw new Error('the split search index cannot check quoted phrases: search the papers');
    const words = this.wordsOf(text);
    const n = this.size;
    if (n === 0 || (!words.length && !excluded.length)) return NONE;
    const typing = options.prefix !== false && !/\s$/.test(text);
    const fuzzy = options.fuzzy !== false;
    const expansions = words.map((w, i) => this.expand(w, typing && i === words.length - 1, fuzzy));
    // A word that matches nothing: no hits, and shardsFor loaded nothing for the other words.
    if (expansions.some((e) => e.size === 0)) return NONE;
    const scratch = (this.scratch ??= {
      banned: new Uint8Array(n),
      matched: new Uint8Array(n),
      titleWords: new Uint8Array(n),
      score: new Float64Array(n),
      wordScore: new Float64Array(n),
      wordInTitle: new Uint8Array(n),
    });
    const bannedTerms = this.bannedTerms(excluded);
    for (const id of bannedTerms) for (const d of this.postings(id).docs) scratch.banned[d] = 1;
    try {
      return this.rankWords(expansions, options, scratch);
    } finally {
      for (const id of bannedTerms) for (const d of this.postings(id).docs) scratch.banned[d] = 0;
    }
  }

  private rankWords(
    expansions: Map<number, number>[],
    options: SearchOptions,
    scratch: NonNullable<ShardedSearch['scratch']>,
  ): RankedHits {
    const { matched, titleWords, score, wordScore, wordInTitle, banned } = scratch;
    const n = this.size;
    const filter = options.filter;
    if (!expansions.length) {
      const hits: number[] = [];
      const limit = options.limit ?? n;
      for (let d = 0; d < n && hits.length < limit; d++)
        if (!banned[d] && (!filter || filter(d))) hits.push(d);
      return {
        indexes: Int32Array.from(hits),
        scores: new Float64Array(hits.length),
        inTitle: new Uint8Array(hits.length),
        matches: [],
      };
    }
    const cost = (e: Map<number, number>) => [...e.keys()].reduce((s, id) => s + this.df[id]!, 0);
    const order = expansions.map((e, i) => ({ e, c: cost(e), i })).sort((a, b) => a.c - b.c);
    const [normTitle, normAbstract, normExtra] = this.norm as [
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    let candidates: number[] = [];
    const touched: number[] = [];
    for (let j = 0; j < order.length; j++) {
      const { e } = order[j]!;
      for (const [term, weight] of e) {
        const { docs, tfs } = this.postings(term);
        const w = weight * this.idf[term]!;
        for (let k = 0; k < docs.length; k++) {
          const d = docs[k]!;
          if (matched[d] !== j) continue;
          if (j === 0 && (banned[d] || (filter && !filter(d)))) continue;
          const packed = tfs[k]!;
          const tTitle = packed & 0xff;
          const tf =
            (FIELD_WEIGHTS[0] * tTitle) / normTitle[d]! +
            (FIELD_WEIGHTS[1] * ((packed >>> 8) & 0xfff)) / normAbstract[d]! +
            (FIELD_WEIGHTS[2] * (packed >>> 20)) / normExtra[d]!;
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
    const hits = candidates.filter((d) => matched[d] === all);
    for (const d of candidates) matched[d] = 0;
    for (const d of hits) if (titleWords[d] === all) score[d]! += TITLE_BONUS;
    hits.sort((a, b) => score[b]! - score[a]! || a - b);
    const count = Math.min(options.limit ?? hits.length, hits.length);
    const matches: string[] = [];
    for (const e of expansions) for (const id of e.keys()) matches.push(this.terms[id]!);
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
  }

  search(query: string, options?: SearchOptions): SearchHit[] {
    const r = this.rank(query, options);
    return Array.from(r.indexes, (d, i) => ({
      id: this.papers[d]!.id,
      index: d,
      score: r.scores[i]!,
      inTitle: r.inTitle[i] === 1,
      matches: r.matches,
    }));
  }
}
