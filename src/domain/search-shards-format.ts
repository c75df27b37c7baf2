/**
 * The files of the split search index (search-shards-build.ts writes them, search-shards.ts
 * reads them), and the byte codec they share: unsigned LEB128 varints, and front-coded sorted
 * terms. Everything under `search/<version>/` is immutable: a new dataset gets a new version.
 *
 * - `search/manifest.json`: the version and what a reader needs before any other file (days,
 *   topic table, sizes); small and fetched fresh.
 * - `ids.txt`: the paper ids, one a line, in index order (newest day first, page order within a
 *   day): results are lists of ids, so every query of a list needs them.
 * - `docs.bin`: per paper, what filtering, counting, sorting and BM25 need: the three field
 *   lengths, topics, has-code and upvotes.
 * - `order.bin`: per paper, the rank of its title in title order; fetched only for the title
 *   sort (a permutation does not compress: at 20,000 papers it was a third of docs.bin).
 * - `terms.bin`: the vocabulary, sorted and front-coded, with each term's document frequency
 *   and which shard holds its postings: enough to expand prefixes and typos without postings.
 * - `s/<k>.bin`: terms' postings (paper deltas and term frequencies per field). The first
 *   shards are runs of terms in term order, so the terms of one prefix usually share a shard;
 *   then one head shard per two letters with the terms a two-letter word being typed expands
 *   to (format 3: those had been a dozen requests on the second key of every word).
 * - `p/<paper>.json`: one paper as its day file has it, for the rows of a result.
 */
import { TF_SHIFT } from './search-core';

/** Bumped when the files change shape; a reader ignores an index of another format. */
export const SHARD_FORMAT = 3;

export interface ShardManifest {
  format: number;
  /** A fingerprint of the index's content: the folder `search/<version>/` holds its files. */
  version: string;
  /** The dataset index version it was built from. */
  dataset: string;
  papers: number;
  /** Days in index order (newest first) with their number of papers. */
  days: { date: string; count: number }[];
  /** Topic ids; docs.bin refers to them by position. */
  topics: string[];
  /** Number of postings shards (s/0.bin … s/<shards-1>.bin). */
  shards: number;
}

export const MANIFEST_PATH = 'search/manifest.json';
export const shardFiles = (version: string) => ({
  ids: `search/${version}/ids.txt`,
  docs: `search/${version}/docs.bin`,
  terms: `search/${version}/terms.bin`,
  order: `search/${version}/order.bin`,
  shard: (k: number) => `search/${version}/s/${k}.bin`,
  paper: (index: number) => `search/${version}/p/${index}.json`,
});

/** Appends varints to a growing byte buffer. */
export class ByteWriter {
  private bytes = new Uint8Array(256);
  length = 0;

  private room(n: number) {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  /** An unsigned integer below 2^53, seven bits a byte. */
  uint(value: number) {
    this.room(8);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  raw(data: Uint8Array) {
    this.room(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Reads what ByteWriter wrote; reading past the end throws, naming the file. */
export class ByteReader {
  at = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly name: string,
  ) {}

  get done() {
    return this.at >= this.bytes.length;
  }

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.bytes.length)
        throw new Error(`${this.name} ends in the middle of a number: the file is truncated`);
      const b = this.bytes[this.at++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
  }

  raw(length: number): Uint8Array {
    if (this.at + length > this.bytes.length)
      throw new Error(`${this.name} ends in the middle of a string: the file is truncated`);
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Sorted terms as (shared prefix length, suffix): neighbours in sorted order share most of their
 * letters. The prefix never ends between the halves of a surrogate pair, so suffixes are valid
 * UTF-16 and survive UTF-8.
 */
export function writeTerms(out: ByteWriter, terms: readonly string[]) {
  out.uint(terms.length);
  let prev = '';
  for (const term of terms) {
    let shared = 0;
    const max = Math.min(prev.length, term.length);
    while (shared < max && prev.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
    const code = term.charCodeAt(shared - 1);
    if (shared > 0 && code >= 0xd800 && code <= 0xdbff) shared--;
    const suffix = encoder.encode(term.slice(shared));
    out.uint(shared);
    out.uint(suffix.length);
    out.raw(suffix);
    prev = term;
  }
}

export function readTerms(input: ByteReader): string[] {
  const count = input.uint();
  const terms = new Array<string>(count);
  let prev = '';
  for (let i = 0; i < count; i++) {
    const shared = input.uint();
    const bytes = input.raw(input.uint());
    // Most suffixes are a few ASCII letters: made here, not by a TextDecoder call each (a
    // third of opening the index of 11,000 papers went on those calls).
    let suffix = '';
    for (let k = 0; k < bytes.length; k++) {
      const b = bytes[k]!;
      if (b >= 0x80) {
        suffix = decoder.decode(bytes);
        break;
      }
      suffix += String.fromCharCode(b);
    }
    prev = prev.slice(0, shared) + suffix;
    terms[i] = prev;
  }
  return terms;
}

/**
 * A posting's term frequencies (title, abstract, extra) in one varint when the title and extra
 * counts are below 3, the usual case; a count of 3 or more follows on its own.
 */
export function writeFrequencies(out: ByteWriter, title: number, abstract: number, extra: number) {
  out.uint(abstract * 16 + Math.min(extra, 3) * 4 + Math.min(title, 3));
  if (title >= 3) out.uint(title);
  if (extra >= 3) out.uint(extra);
}

/** The frequencies packed as the postings keep them (TF_SHIFT of search-core.ts). */
export function readFrequencies(input: ByteReader): number {
  const code = input.uint();
  let title = code & 3;
  let extra = (code >>> 2) & 3;
  const abstract = Math.floor(code / 16);
  if (title === 3) title = input.uint();
  if (extra === 3) extra = input.uint();
  return ((title << TF_SHIFT[0]) | (abstract << TF_SHIFT[1]) | (extra << TF_SHIFT[2])) >>> 0;
}
