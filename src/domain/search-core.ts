/**
 * The ranking both search engines share: the in-memory index of search.ts and the split index of
 * search-shards.ts hold the same vocabulary, document frequencies, field lengths and packed term
 * frequencies, and differ only in where the postings of a term come from (built in memory, or
 * fetched by shard). Everything from the query to the ranked hits is here, once: BM25F over
 * title, abstract and extra words, prefix expansion of the word being typed, one- and two-edit
 * typo tolerance through a deletion index (the SymSpell idea, in typed arrays), `-words`, the
 * all-words filter and the bonus for every word in the title. Keeping it in one place is what
 * lets the two engines rank alike; tests/domain/search-shards.test.ts checks they do.
 *
 * Pure: no I/O. The postings callback is called once per expanded term, never per posting.
 */
import type { RankedHits, SearchDoc, SearchOptions } from './search';
import { STOP_WORDS, compounds, queryWords, tokenize, type QueryWord } from './tokenize';
import { fnv1a } from './text';

/** BM25F weights of title, abstract and extra words. */
const FIELD_WEIGHTS = [3, 1, 2] as const;
const K1 = 1.2;
const B = 0.75;
const MAX_QUERY_WORDS = 16;
const MAX_PREFIX_EXPANSIONS = 40;
/**
 * A word of two letters being typed stands for this many of its commonest completions (the
 * split index keeps their postings together: search-shards-build.ts).
 */
export const TWO_LETTER_EXPANSIONS = 12;
const FUZZY_WEIGHT = 0.6;
/** Words this long may have two typos, the threshold Meilisearch uses by default. */
const LONG_WORD = 9;
const TWO_TYPO_WEIGHT = 0.45;
/** Words in fewer papers than this may be typos and get one-edit neighbours too. */
const RARE = 5;
/** Added to the score of papers with every query word in the title, so they sort first. */
const TITLE_BONUS = 1e6;

/**
 * Longer "words" are not words (a pasted hash, a hostile 1,000,000-letter name): not indexed, so
 * no record can make the index, or typing, slow.
 */
export const MAX_TERM_LENGTH = 64;
/** Typo variants (one deletion each) are kept only for words of sane length: the deletion index
 * holds length + 1 entries per word, so its size stays linear in the text. */
export const MAX_TYPO_LENGTH = 24;

/** Term frequencies per field packed in one uint32 as title | abstract << 8 | extra << 20. */
export const TF_SHIFT = [0, 8, 20] as const;
/** Where each field's count saturates in that packing. */
export const TF_MAX = [0xff, 0xfff, 0xff] as const;

/** Whether a word of the text is indexed (and looked up when typed). */
export const searchable = (term: string) => term.length <= MAX_TERM_LENGTH && !STOP_WORDS.has(term);
/**
 * What both index builders read of a document: per field (title, abstract, extra), its length in
 * words (stop words included, as BM25F's length normalisation counts them) and its indexed words.
 */
export function indexedFields(doc: SearchDoc): { length: number; words: string[] }[] {
  return [doc.title, doc.abstract, doc.extra ?? ''].map((text) => {
    const words = tokenize(text);
    const kept = words.filter(searchable);
    // A compound is also indexed joined ("fine-tuning" as "finetuning" too), so the forms with
    // and without the hyphen are one word; its length counts its parts only.
    for (const parts of compounds(text)) {
      const joined = parts.join('');
      if (joined.length <= MAX_TERM_LENGTH) kept.push(joined);
    }
    return { length: words.length, words: kept };
  });
}
const typoTolerant = (term: string) => term.length >= 4 && term.length <= MAX_TYPO_LENGTH;

const hash32 = fnv1a;

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

/** Inverse document frequency of each term among `n` papers. */
export function idfOf(df: Int32Array, n: number): Float64Array {
  // Plain loops: TypedArray.from with a mapping function is many times slower in V8, and
  // these run over every term and every paper when the split index opens.
  const idf = new Float64Array(df.length);
  for (let t = 0; t < df.length; t++) idf[t] = Math.log(1 + (n - df[t]! + 0.5) / (df[t]! + 0.5));
  return idf;
}

/** Per paper, each field's length normalisation: 1 - b + b * len / avg. */
export function lengthNorms(
  lengths: readonly ArrayLike<number>[],
  n: number,
): [Float32Array, Float32Array, Float32Array] {
  const norm = (column: ArrayLike<number>) => {
    let sum = 0;
    for (let d = 0; d < column.length; d++) sum += column[d]!;
    const avg = sum / Math.max(1, n) || 1;
    const out = new Float32Array(column.length);
    for (let d = 0; d < column.length; d++) out[d] = 1 - B + (B * column[d]!) / avg;
    return out;
  };
  return [norm(lengths[0]!), norm(lengths[1]!), norm(lengths[2]!)];
}

/** One term's papers (ascending) and their packed term frequencies. */
export interface Postings {
  docs: Int32Array;
  tfs: Uint32Array;
}

/** What ranking reads of an index besides the postings. */
export interface IndexFacts {
  /** Number of papers. */
  n: number;
  /** The vocabulary, by term id. */
  terms: readonly string[];
  termIds: ReadonlyMap<string, number>;
  /** Term ids in term order, or null where the ids already are in term order. */
  sorted: Int32Array | null;
  df: Int32Array;
  idf: Float64Array;
  norm: readonly [Float32Array, Float32Array, Float32Array];
}

/** The words and `-words` of a query, as parseQuery reads them. */
export interface QueryParts {
  text: string;
  excluded: readonly string[];
}

export const NO_HITS: RankedHits = {
  indexes: new Int32Array(0),
  scores: new Float64Array(0),
  inTitle: new Uint8Array(0),
  matches: [],
};

/** Scratch space reused by every query: no allocation proportional to the index per keystroke. */
interface Scratch {
  banned: Uint8Array;
  matched: Uint8Array;
  titleWords: Uint8Array;
  score: Float64Array;
  wordScore: Float64Array;
  wordInTitle: Uint8Array;
}

/** One query word as ranking reads it (Ranker.slotsFor). */
export interface Slot {
  /** The word as messages name it. */
  label: string;
  /** Terms the word stands for, with how much each counts. */
  terms: Map<number, number>;
  /** For a compound, each part's terms: a paper with every part matches the word too. */
  parts: Map<number, number>[];
}

const SHORT_STOP_WORDS = [...STOP_WORDS].filter((w) => w.length >= 3);
/** A word one letter away from a stop word, and not one itself ("acros", "paer"). */
const isStopTypo = (word: string) =>
  word.length >= 4 && !STOP_WORDS.has(word) && SHORT_STOP_WORDS.some((w) => withinOneEdit(word, w));

/** Ranks queries over an index's facts and postings; the two engines each hold one. */
export class Ranker {
  private deletions: { hash: Uint32Array; term: Int32Array } | null = null;
  private scratch: Scratch | null = null;
  private subScratch: Scratch | null = null;

  constructor(
    private readonly facts: IndexFacts,
    /** The postings of a term; called once per term a query expands to or leaves out. */
    private readonly postings: (term: number) => Postings,
    /**
     * Whether a term's postings can be read now, for an index that fetches them in pieces;
     * omitted, all can. The retry that corrects common words reads only those that can.
     */
    private readonly has?: (term: number) => boolean,
  ) {}

  /** The term at a place in term order. */
  private sortedAt(i: number): number {
    const { sorted } = this.facts;
    return sorted ? sorted[i]! : i;
  }

  /** The first place in term order whose term is not below `key`. */
  private lowerBound(key: string): number {
    const { terms } = this.facts;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[this.sortedAt(mid)]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The terms starting with `word`, in term order. */
  private completions(word: string): number[] {
    const { terms } = this.facts;
    const out: number[] = [];
    for (let i = this.lowerBound(word); i < terms.length; i++) {
      const id = this.sortedAt(i);
      if (!terms[id]!.startsWith(word)) break;
      out.push(id);
    }
    return out;
  }

  /**
   * Deletion index: hash of every one-letter deletion of every term (and of the term itself) →
   * term, sorted by hash (then term). A query word finds its one-edit neighbours through its own
   * deletions. Built on first use, which is on the first All-days search's path: the deletions
   * are hashed without making their strings (fnv1a carried on from the hash of the letters
   * before the one left out) and ordered by a stable radix sort of the 32-bit hashes, so 40,000
   * terms take tens of milliseconds, not hundreds.
   */
  deletionIndex() {
    if (this.deletions) return this.deletions;
    const { terms } = this.facts;
    let pairs = 0;
    for (const term of terms) if (typoTolerant(term)) pairs += term.length + 1;
    let hash = new Uint32Array(pairs);
    let term = new Int32Array(pairs);
    let at = 0;
    terms.forEach((t, id) => {
      if (!typoTolerant(t)) return;
      hash[at] = hash32(t);
      term[at++] = id;
      // `prefix` is fnv1a's state after the letters before i: the deletion of letter i hashes on
      // from there over the letters after it.
      let prefix = 0x811c9dc5;
      for (let i = 0; i < t.length; i++) {
        let h = prefix;
        for (let j = i + 1; j < t.length; j++) h = Math.imul(h ^ t.charCodeAt(j), 0x01000193);
        hash[at] = h >>> 0;
        term[at++] = id;
        prefix = Math.imul(prefix ^ t.charCodeAt(i), 0x01000193);
      }
    });
    // Least significant 16 bits first, then the top 16: stable, so equal hashes keep term order.
    let hashOut = new Uint32Array(pairs);
    let termOut = new Int32Array(pairs);
    const counts = new Uint32Array(0x10000);
    for (const shift of [0, 16]) {
      counts.fill(0);
      for (let i = 0; i < pairs; i++) counts[(hash[i]! >>> shift) & 0xffff]!++;
      for (let b = 0, sum = 0; b < 0x10000; b++) {
        const c = counts[b]!;
        counts[b] = sum;
        sum += c;
      }
      for (let i = 0; i < pairs; i++) {
        const to = counts[(hash[i]! >>> shift) & 0xffff]!++;
        hashOut[to] = hash[i]!;
        termOut[to] = term[i]!;
      }
      [hash, hashOut] = [hashOut, hash];
      [term, termOut] = [termOut, term];
    }
    this.deletions = { hash, term };
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

  /** Terms a query word stands for, with how much each counts (exact 1, prefix and typo less). */
  expand(word: string, asPrefix: boolean, fuzzy: boolean, eager = false): Map<number, number> {
    const { terms, termIds, df } = this.facts;
    const out = new Map<number, number>();
    const exact = termIds.get(word);
    if (exact !== undefined) out.set(exact, 1);
    if (asPrefix) {
      const range = this.completions(word).filter((id) => id !== exact);
      // One or two typed letters match most of the vocabulary: one letter is taken as a word,
      // two letters expand to their commonest completions only.
      const cap =
        word.length === 1 ? 0 : word.length === 2 ? TWO_LETTER_EXPANSIONS : MAX_PREFIX_EXPANSIONS;
      if (range.length > cap) range.sort((a, b) => df[b]! - df[a]!).length = cap;
      for (const id of range) out.set(id, 0.5 + (0.4 * word.length) / terms[id]!.length);
    }
    // A word the papers use often is taken as meant; only rare or unknown words get corrected.
    // `eager` (a retry after the words together matched nothing) corrects common words too:
    // "word" typed for "world", "vice" for "voice".
    if (fuzzy && typoTolerant(word) && (exact === undefined || df[exact]! < RARE || eager)) {
      const candidates = new Set<number>();
      this.byHash(hash32(word), candidates);
      for (let i = 0; i < word.length; i++)
        this.byHash(hash32(word.slice(0, i) + word.slice(i + 1)), candidates);
      // A long word may have two typos. Its one-letter deletions meet the terms' one-letter
      // deletions for a letter wrong and another misplaced ("difussion"); its two-letter
      // deletions add the terms it has a letter or two too many of ("automatical").
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

  /**
   * The words of a query's text to find, hyphenated compounds kept together (stop words dropped
   * unless there is nothing else).
   */
  queryWordsOf(text: string): QueryWord[] {
    const all = queryWords(text.slice(0, 1000));
    const kept = all.filter((w) => w.parts.length > 0 || searchable(w.word));
    const seen = new Set<string>();
    const out: QueryWord[] = [];
    for (const w of kept.length ? kept : all) {
      if (seen.has(w.word) || w.word.length > MAX_TERM_LENGTH) continue;
      seen.add(w.word);
      out.push(w);
    }
    return out.slice(0, MAX_QUERY_WORDS);
  }

  /** The words of a query as messages name them ("fine-tuning" for a compound). */
  wordsOf(text: string): string[] {
    return this.queryWordsOf(text).map((w) => (w.parts.length ? w.parts.join('-') : w.word));
  }

  /**
   * Two indexed words a typed word is made of ("finetuning" is "fine" + "tuning", "tooluse" is
   * "tool" + "use"), the split whose rarer part is the commonest; null when there is none. A
   * part may be a stop word, which is then not looked for.
   */
  private split(word: string): string[] | null {
    const { termIds, df } = this.facts;
    let best: string[] | null = null;
    let bestDf = 0;
    for (let i = 2; i <= word.length - 2; i++) {
      const parts = [word.slice(0, i), word.slice(i)];
      const ids = parts.map((p) => termIds.get(p));
      if (parts.some((p, k) => ids[k] === undefined && !STOP_WORDS.has(p))) continue;
      const found = ids.filter((id) => id !== undefined);
      if (!found.length) continue;
      const rarest = Math.min(...found.map((id) => df[id]!));
      if (rarest > bestDf) {
        bestDf = rarest;
        best = parts.filter((_, k) => ids[k] !== undefined);
      }
    }
    return best;
  }

  /**
   * What ranking reads of each query word: the terms it stands for and, for a compound, the
   * terms of its parts (a paper with every part matches it too). A word that matches nothing
   * and is one letter from a stop word ("acros", "paer") was that stop word: it is dropped.
   */
  slotsFor(text: string, options: SearchOptions, eager = false): Slot[] {
    const words = this.queryWordsOf(text);
    const typing = options.prefix !== false && !/\s$/.test(text);
    const fuzzy = options.fuzzy !== false;
    const slots: Slot[] = [];
    words.forEach((w, i) => {
      const last = typing && i === words.length - 1;
      const terms = this.expand(w.word, last, fuzzy, eager);
      let partWords = w.parts.filter(searchable);
      if (!w.parts.length && (terms.size === 0 || !this.facts.termIds.has(w.word)))
        partWords = (w.word.length >= 4 && this.split(w.word)) || [];
      const unique = [...new Set(partWords)];
      let parts = unique.map((p, k) =>
        this.expand(p, last && k === unique.length - 1, fuzzy, eager),
      );
      if (parts.some((e) => e.size === 0)) parts = [];
      if (!terms.size && !parts.length && fuzzy && isStopTypo(w.word)) return;
      slots.push({ label: w.parts.length ? w.parts.join('-') : w.word, terms, parts });
    });
    return slots;
  }

  /** Each word's expansion; the last word is a prefix while it is being typed. */
  expandAll(text: string, options: SearchOptions): Map<number, number>[] {
    return this.slotsFor(text, options).flatMap((slot) => [slot.terms, ...slot.parts]);
  }

  /**
   * Terms whose papers `-words` leave out: the word's exact term for one or two letters, else
   * its completions from three letters on.
   */
  bannedTerms(excluded: readonly string[]): number[] {
    const out: number[] = [];
    for (const word of excluded.slice(0, MAX_QUERY_WORDS)) {
      if (word.length < 3) {
        const exact = this.facts.termIds.get(word);
        if (exact !== undefined) out.push(exact);
      } else out.push(...this.completions(word));
    }
    return out;
  }

  /**
   * The terms a query reads next, for an index that holds postings in pieces: the terms of its
   * words; once those are all `loaded`, and they match nothing together, the terms of the retry
   * that corrects common words too.
   */
  termsNeeded(query: QueryParts, options: SearchOptions, loaded: (term: number) => boolean) {
    const strict = this.slotsFor(query.text, options);
    const terms = new Set<number>(this.bannedTerms(query.excluded));
    for (const slot of strict)
      for (const e of [slot.terms, ...slot.parts]) for (const id of e.keys()) terms.add(id);
    const missing = [...terms].filter((id) => !loaded(id));
    if (missing.length || options.fuzzy === false || !strict.length) return missing;
    if (this.rank(query, options, undefined, false).indexes.length) return [];
    const out = new Set<number>();
    for (const slot of this.slotsFor(query.text, options, true))
      for (const e of [slot.terms, ...slot.parts])
        for (const id of e.keys()) if (!loaded(id)) out.add(id);
    return [...out];
  }

  private newScratch(n: number): Scratch {
    return {
      banned: new Uint8Array(n),
      matched: new Uint8Array(n),
      titleWords: new Uint8Array(n),
      score: new Float64Array(n),
      wordScore: new Float64Array(n),
      wordInTitle: new Uint8Array(n),
    };
  }

  /**
   * The ranked hits of a query. `keep`, when given, is a last test of each paper that has every
   * word (quoted phrases, which need the text). When the words together match nothing, common
   * words are corrected too and, failing that, the papers with the most of the words are given,
   * marked `partial` (`retry` false: the first pass alone).
   */
  rank(
    query: QueryParts,
    options: SearchOptions,
    keep?: (d: number) => boolean,
    retry = true,
  ): RankedHits {
    const { n } = this.facts;
    const slots = this.slotsFor(query.text, options);
    if (n === 0 || (!slots.length && !query.excluded.length)) return NO_HITS;
    const scratch = (this.scratch ??= this.newScratch(n));
    const { banned } = scratch;
    const bannedTerms = this.bannedTerms(query.excluded);
    for (const id of bannedTerms) for (const d of this.postings(id).docs) banned[d] = 1;
    try {
      if (!slots.length) return this.allBut(options, banned);
      let hits = this.rankSlots(slots, options, scratch, keep, false);
      if (hits.indexes.length || !retry || options.fuzzy === false) return hits;
      const eager = this.slotsFor(query.text, options, true).map((slot) => this.available(slot));
      hits = this.rankSlots(eager, options, scratch, keep, false);
      if (hits.indexes.length || eager.length < 2) return hits;
      return this.rankSlots(eager, options, scratch, keep, true);
    } finally {
      for (const id of bannedTerms) for (const d of this.postings(id).docs) banned[d] = 0;
    }
  }

  /** A slot with only the terms whose postings can be read now (all of them, in memory). */
  private available(slot: Slot): Slot {
    const has = this.has;
    if (!has) return slot;
    const keepLoaded = (e: Map<number, number>) => new Map([...e].filter(([id]) => has(id)));
    const parts = slot.parts.map(keepLoaded);
    return {
      label: slot.label,
      terms: keepLoaded(slot.terms),
      parts: parts.some((e) => e.size === 0) ? [] : parts,
    };
  }

  /** Only words to leave out: every other paper, in index order. */
  private allBut(options: SearchOptions, banned: Uint8Array): RankedHits {
    const { n } = this.facts;
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
  }

  /** What a slot's terms cost to read: the papers its postings list. */
  private cost(slot: Slot): number {
    const { df } = this.facts;
    let c = 0;
    for (const id of slot.terms.keys()) c += df[id]!;
    if (slot.parts.length) {
      let least = Infinity;
      for (const e of slot.parts) {
        let pc = 0;
        for (const id of e.keys()) pc += df[id]!;
        least = Math.min(least, pc);
      }
      c += least;
    }
    return c;
  }

  /**
   * Scores every paper the slots reach into `scratch`: `score` the sum of each slot's best
   * term, `titleWords` how many slots matched in the title, `matched` how many slots matched.
   * With `any` false a paper must match every slot before (rarest slot first, so later slots
   * only visit the papers still in), else every paper a slot reaches counts. Returns the papers
   * touched; the caller clears them.
   */
  private collect(
    slots: readonly Slot[],
    scratch: Scratch,
    any: boolean,
    gate: ((d: number) => boolean) | null,
  ): number[] {
    const { matched, titleWords, score, wordScore, wordInTitle } = scratch;
    const { idf } = this.facts;
    const [normTitle, normAbstract, normExtra] = this.facts.norm;
    const order = any
      ? slots
      : slots
          .map((slot) => ({ slot, c: this.cost(slot) }))
          .sort((a, b) => a.c - b.c)
          .map((x) => x.slot);
    const candidates: number[] = [];
    const touched: number[] = [];
    for (let j = 0; j < order.length; j++) {
      const slot = order[j]!;
      // A paper takes part in this slot when it matched every slot before (or, with `any`,
      // always), and enters the result at the first slot it matches once it passes the gate.
      const open = any || j === 0;
      for (const [term, weight] of slot.terms) {
        const { docs, tfs } = this.postings(term);
        const w = weight * idf[term]!;
        for (let k = 0; k < docs.length; k++) {
          const d = docs[k]!;
          if (!any && matched[d] !== j) continue;
          if (open && matched[d] === 0 && wordScore[d] === 0 && gate && !gate(d)) continue;
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
      if (slot.parts.length) {
        // The compound's parts, all in one paper, match it too ("fine tuning" for "finetuning").
        const sub = (this.subScratch ??= this.newScratch(this.facts.n));
        const reached = this.collect(
          slot.parts.map((terms) => ({ label: '', terms, parts: [] })),
          sub,
          false,
          null,
        );
        const all = slot.parts.length;
        for (const d of reached) {
          const whole = sub.matched[d] === all;
          const s = sub.score[d]!;
          const inTitle = sub.titleWords[d] === all;
          sub.matched[d] = 0;
          sub.score[d] = 0;
          sub.titleWords[d] = 0;
          if (!whole) continue;
          if (!any && matched[d] !== j) continue;
          if (open && matched[d] === 0 && wordScore[d] === 0 && gate && !gate(d)) continue;
          if (wordScore[d] === 0) touched.push(d);
          if (s > wordScore[d]!) wordScore[d] = s;
          if (inTitle) wordInTitle[d] = 1;
        }
      }
      for (const d of touched) {
        if (matched[d] === 0) candidates.push(d);
        score[d]! += wordScore[d]!;
        titleWords[d]! += wordInTitle[d]!;
        matched[d]!++;
        wordScore[d] = 0;
        wordInTitle[d] = 0;
      }
      touched.length = 0;
    }
    return candidates;
  }

  private rankSlots(
    slots: readonly Slot[],
    options: SearchOptions,
    scratch: Scratch,
    keep: ((d: number) => boolean) | undefined,
    any: boolean,
  ): RankedHits {
    if (!any && slots.some((slot) => slot.terms.size === 0 && slot.parts.length === 0))
      return NO_HITS;
    const { matched, titleWords, score, banned } = scratch;
    const { terms } = this.facts;
    const filter = options.filter;
    const candidates = this.collect(
      slots,
      scratch,
      any,
      (d) => !banned[d] && (!filter || filter(d)),
    );
    const all = slots.length;
    // With `any`, the papers with the most words; only then is the result partial.
    let need = all;
    if (any) {
      need = 0;
      for (const d of candidates) if (matched[d]! > need && (!keep || keep(d))) need = matched[d]!;
    }
    const hits: number[] = [];
    if (need > 0)
      for (const d of candidates) if (matched[d] === need && (!keep || keep(d))) hits.push(d);
    for (const d of hits) if (titleWords[d] === need) score[d]! += TITLE_BONUS;
    hits.sort((a, b) => score[b]! - score[a]! || a - b);
    const count = Math.min(options.limit ?? hits.length, hits.length);
    const matches: string[] = [];
    for (const slot of slots)
      for (const e of [slot.terms, ...slot.parts])
        for (const id of e.keys()) matches.push(terms[id]!);
    const result: RankedHits = {
      indexes: new Int32Array(count),
      scores: new Float64Array(count),
      inTitle: new Uint8Array(count),
      matches: [...new Set(matches)],
    };
    if (any && need > 0 && need < all) result.partial = { matched: need, words: all };
    for (let i = 0; i < count; i++) {
      const d = hits[i]!;
      const inTitle = titleWords[d] === need;
      result.indexes[i] = d;
      result.scores[i] = Math.round((inTitle ? score[d]! - TITLE_BONUS : score[d]!) * 1000) / 1000;
      result.inTitle[i] = inTitle ? 1 : 0;
    }
    for (const d of candidates) {
      score[d] = 0;
      titleWords[d] = 0;
      matched[d] = 0;
    }
    return any && need === 0 ? NO_HITS : result;
  }
}
