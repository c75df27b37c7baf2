/**
 * Search over the split index (search-shards-format.ts) that fetches only what a query needs:
 * the vocabulary and per-paper facts once, then the postings shards of the terms the query's
 * words expand to. It ranks with search.ts's Ranker (search-core.ts), so it ranks exactly as
 * createSearch over the same papers, which tests/domain/search-shards.test.ts checks.
 *
 * Goals: the first query of a session loads a few shards, not the archive; every later query is
 * as fast as the in-memory engine. Non-goals: "quoted phrases" (they need the text: the archive
 * answers those from the day files), fetching (the caller fetches `shardsFor` and adds them).
 */
import type { Paper } from './schema';
import type { RankedHits, SearchEngine, SearchHit, SearchOptions } from './search';
import { Ranker, idfOf, lengthNorms, type Postings } from './search-core';
import { parseQuery } from './tokenize';
import {
  ByteReader,
  SHARD_FORMAT,
  readFrequencies,
  readTerms,
  type ShardManifest,
} from './search-shards-format';

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

const CODE_LINKS: Paper['links'] = [{ kind: 'code', url: 'https://example.invalid/' }];
const NO_LINKS: Paper['links'] = [];
/** The papers of the index carry no evidence (rows come from the per-paper files): one object. */
const NO_EVIDENCE: Paper['evidence'] = Object.freeze({});

export class ShardedSearch implements SearchEngine {
  readonly size: number;
  readonly manifest: ShardManifest;
  /**
   * Per paper, what runQuery reads (id, date, topics, has code, upvotes) with the title replaced
   * by its rank in title order, zero-padded, so feed.ts's title sort orders them as the titles
   * (empty until addTitleOrder). Only positions (and, once, the ids and dates) leave the
   * worker; result rows come from the per-paper files.
   */
  readonly papers: Paper[];
  /** ids.txt as fetched (one id a line, in the papers' order), to be sent on as it is. */
  readonly idsText: string;
  private readonly terms: string[];
  private readonly df: Int32Array;
  /** Where each run of terms in term order (the first shards) begins. */
  private readonly shardStarts: Int32Array;
  /**
   * The head shards, after the runs: per two letters, the terms a word of those two letters
   * being typed expands to (search-shards-build.ts); and each term's head, or -1.
   */
  private readonly heads: Int32Array[];
  private readonly headOf: Int32Array;
  /** Per term, the bytes of its shard once added, and where in them its postings start. */
  private readonly encoded: (Uint8Array | undefined)[];
  private readonly offset: Int32Array;
  /** The postings decoded, by term, least recently read first; and how many they hold. */
  private readonly decoded = new Map<number, Postings>();
  private decodedCount = 0;
  private readonly loaded: Uint8Array;
  private readonly ranker: Ranker;
  /** Every paper's position by id: 200,000 entries, built when first needed or when idle. */
  private byId: Map<string, number> | null = null;
  /** The positions of the papers at the top of recent results (see `remember`). */
  private near = new Map<string, number>();

  /**
   * @param decodedBudget postings kept decoded (8 bytes each) before the least recently read are
   * dropped: by default ten a paper, at least 500,000 (4 MB).
   */
  constructor(
    files: ShardedSearchFiles,
    private readonly decodedBudget = Math.max(500_000, 10 * files.manifest.papers),
  ) {
    const { manifest } = files;
    this.manifest = manifest;
    const n = manifest.papers;
    this.size = n;
    this.idsText = files.ids;
    const ids = files.ids.split('\n', n);
    if (ids.length !== n)
      throw new Error(`ids.txt of the search index has ${ids.length} ids for ${n} papers`);

    const termsIn = new ByteReader(files.terms, 'terms.bin of the search index');
    this.terms = readTerms(termsIn);
    const termCount = this.terms.length;
    const termIds = new Map<string, number>();
    this.terms.forEach((t, i) => termIds.set(t, i));
    this.df = new Int32Array(termCount);
    for (let i = 0; i < termCount; i++) this.df[i] = termsIn.uint();
    const runs = termsIn.uint();
    this.shardStarts = new Int32Array(runs);
    for (let k = 0, at = 0; k < runs; k++) this.shardStarts[k] = at += termsIn.uint();
    this.headOf = new Int32Array(termCount).fill(-1);
    this.heads = new Array<Int32Array>(termsIn.uint());
    for (let h = 0, at = 0; h < this.heads.length; h++) {
      const head = (this.heads[h] = new Int32Array(termsIn.uint()));
      for (let i = 0; i < head.length; i++) {
        head[i] = at += termsIn.uint();
        if (at >= termCount) throw new Error('terms.bin of the search index names a term it lacks');
        this.headOf[at] = h;
      }
    }
    if (runs + this.heads.length !== manifest.shards)
      throw new Error(
        `terms.bin of the search index has ${runs + this.heads.length} shards, its manifest ${manifest.shards}`,
      );
    this.encoded = new Array<Uint8Array | undefined>(termCount);
    this.offset = new Int32Array(termCount);
    this.loaded = new Uint8Array(manifest.shards);

    const docsIn = new ByteReader(files.docs, 'docs.bin of the search index');
    const lengths = [0, 1, 2].map(() => {
      const column = new Uint32Array(n);
      for (let d = 0; d < n; d++) column[d] = docsIn.uint();
      return column;
    });
    // The terms are stored sorted, so a term's id is its place in term order.
    this.ranker = new Ranker(
      {
        n,
        terms: this.terms,
        termIds,
        sorted: null,
        df: this.df,
        idf: idfOf(this.df, n),
        norm: lengthNorms(lengths, n),
      },
      (term) => this.postingsOf(term),
      (term) => this.encoded[term] !== undefined,
    );
    const topics = manifest.topics;
    // Papers with the same topics share one array (a few hundred sets for 200,000 papers).
    const topicSets = new Map<string, string[]>();
    const paperTopics = new Array<string[]>(n);
    for (let d = 0; d < n; d++) {
      const count = docsIn.uint();
      const out = new Array<string>(count);
      for (let i = 0; i < count; i++) out[i] = topics[docsIn.uint()] ?? '';
      const key = out.join(' ');
      const shared = topicSets.get(key);
      if (shared) paperTopics[d] = shared;
      else topicSets.set(key, (paperTopics[d] = out));
    }
    const code = new Uint8Array(n);
    for (let d = 0; d < n; d++) code[d] = docsIn.uint() === 1 ? 1 : 0;
    const dates: string[] = [];
    for (const day of manifest.days) for (let i = 0; i < day.count; i++) dates.push(day.date);
    // Plain loops and no object spread: this runs for every paper when All days opens.
    this.papers = new Array<Paper>(n);
    for (let d = 0; d < n; d++) {
      const paper: Paper = {
        id: ids[d]!,
        date: dates[d] ?? '',
        title: '',
        abstract: '',
        topics: paperTopics[d]!,
        evidence: NO_EVIDENCE,
        links: code[d] ? CODE_LINKS : NO_LINKS,
        wordCount: 0,
      };
      const votes = docsIn.uint();
      if (votes) paper.upvotes = votes - 1;
      this.papers[d] = paper;
    }
  }

  private titleOrder = false;

  /** Whether the title sort can be answered: order.bin has been added. */
  get hasTitleOrder(): boolean {
    return this.titleOrder || this.size === 0;
  }

  /** Adds order.bin: each paper's rank in title order, as its title (see `papers`). */
  addTitleOrder(bytes: Uint8Array) {
    if (this.titleOrder) return;
    const input = new ByteReader(bytes, 'order.bin of the search index');
    const width = String(this.size).length;
    for (const paper of this.papers) paper.title = String(input.uint()).padStart(width, '0');
    this.titleOrder = true;
  }

  /**
   * Builds ahead what the first typo correction needs (the deletion index over the vocabulary:
   * 130 ms for 34,000 terms), so the first word of four letters does not wait for it.
   */
  warm() {
    this.ranker.deletionIndex();
  }

  /** Builds the map of every id ahead of a scroll down a long result (idle work, after warm). */
  warmIds() {
    this.byId ??= this.allById();
  }

  private allById() {
    this.near.clear();
    return new Map(this.papers.map((p, d) => [p.id, d]));
  }

  /**
   * Remembers the positions of a result's first `count` papers, whose rows the page asks for
   * next by id: a first search then finds them without the map of every id (200 ms to build
   * at 200,000 papers, on the thread that receives the rows' files).
   */
  remember(positions: ArrayLike<number>, count: number) {
    if (this.byId) return;
    if (this.near.size > 50_000) this.near.clear();
    for (let i = 0; i < Math.min(count, positions.length); i++) {
      const d = positions[i]!;
      this.near.set(this.papers[d]!.id, d);
    }
  }

  /** The position of a paper in the index, or -1. */
  indexOf(id: string): number {
    if (!this.byId) {
      const near = this.near.get(id);
      if (near !== undefined) return near;
      this.byId = this.allById();
    }
    return this.byId.get(id) ?? -1;
  }

  /** Whether this index can answer the query by itself (it cannot check "quoted phrases"). */
  canAnswer(query: string): boolean {
    return parseQuery(query).phrases.length === 0;
  }

  /** The postings shards a query needs that are not loaded yet, in order. */
  shardsFor(query: string, options: SearchOptions = {}): number[] {
    // The words' shards; once they are in and the words together match nothing, the shards of
    // the retry that corrects common words too (ask again after adding them).
    const terms = this.ranker.termsNeeded(
      parseQuery(query),
      options,
      (id) => this.encoded[id] !== undefined,
    );
    const needed = new Set<number>();
    for (const id of terms) needed.add(this.shardOf(id));
    return [...needed].filter((k) => !this.loaded[k]).sort((a, b) => a - b);
  }

  /**
   * Adds a fetched shard. Its bytes are kept and each term's postings decoded when a query first
   * reads them: a head shard holds a dozen of the longest postings, and a typo's candidate or a
   * longer prefix often needs one of them (decoding them all doubled the worker's heap at
   * 200,000 papers).
   */
  addShard(k: number, bytes: Uint8Array) {
    if (k < 0 || k >= this.loaded.length || this.loaded[k]) return;
    const input = new ByteReader(bytes, `shard ${k} of the search index`);
    for (const id of this.termsOf(k)) {
      this.encoded[id] = bytes;
      this.offset[id] = input.at;
      // Read through (the reader throws on a shard cut short), not kept.
      for (let i = this.df[id]!; i > 0; i--) {
        input.uint();
        readFrequencies(input);
      }
    }
    this.loaded[k] = 1;
  }

  /** A term's postings, decoded from its shard's bytes on first use. */
  private decode(term: number): Postings | undefined {
    const bytes = this.encoded[term];
    if (!bytes) return undefined;
    const input = new ByteReader(bytes, `the shard of "${this.terms[term]}"`);
    input.at = this.offset[term]!;
    const count = this.df[term]!;
    const docs = new Int32Array(count);
    const tfs = new Uint32Array(count);
    let d = 0;
    for (let i = 0; i < count; i++) {
      d += input.uint();
      docs[i] = d;
      tfs[i] = readFrequencies(input);
    }
    const postings = { docs, tfs };
    this.decoded.set(term, postings);
    this.decodedCount += count;
    // Over the budget, the postings read longest ago are dropped (their bytes stay: a later
    // query decodes them again), so a long session's heap stays bounded.
    for (const [old, dropped] of this.decoded) {
      if (this.decodedCount <= this.decodedBudget || old === term) break;
      this.decoded.delete(old);
      this.decodedCount -= dropped.docs.length;
    }
    return postings;
  }

  /** How many shards are loaded, of how many. */
  get shardCount(): { loaded: number; total: number } {
    let loaded = 0;
    for (const x of this.loaded) loaded += x;
    return { loaded, total: this.loaded.length };
  }

  /** The terms whose postings shard k holds, in the order it holds them. */
  private termsOf(k: number): Iterable<number> {
    const runs = this.shardStarts.length;
    if (k >= runs) return this.heads[k - runs]!;
    const out: number[] = [];
    const end = k + 1 < runs ? this.shardStarts[k + 1]! : this.terms.length;
    for (let id = this.shardStarts[k]!; id < end; id++) if (this.headOf[id] === -1) out.push(id);
    return out;
  }

  private shardOf(term: number): number {
    const head = this.headOf[term]!;
    if (head >= 0) return this.shardStarts.length + head;
    let lo = 0;
    let hi = this.shardStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.shardStarts[mid]! <= term) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  queryWords(query: string): string[] {
    return this.ranker.wordsOf(parseQuery(query).text);
  }

  private postingsOf(term: number): Postings {
    const kept = this.decoded.get(term);
    if (kept) {
      // Most recently used last: the cache forgets from the front.
      this.decoded.delete(term);
      this.decoded.set(term, kept);
      return kept;
    }
    const postings = this.decode(term);
    if (!postings)
      throw new Error(
        `the postings of "${this.terms[term]}" are not loaded: fetch shardsFor(query) first`,
      );
    return postings;
  }

  rank(query: string, options: SearchOptions = {}): RankedHits {
    const parts = parseQuery(query);
    if (parts.phrases.length)
      throw new Error('the split search index cannot check quoted phrases: search the papers');
    return this.ranker.rank(parts, options);
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
