/**
 * Builds the split search index (see search-shards-format.ts for its files) from the papers of
 * every day, at build time: the same words, field lengths and term frequencies search.ts
 * indexes, so a reader that fetches only a query's shards ranks exactly as one built in memory.
 * Linear in the text; the postings are varint-coded as papers are read, so 200,000 papers take
 * tens of megabytes, not the gigabytes of arrays per term.
 */
import type { Paper } from './schema';
import { TF_MAX, TWO_LETTER_EXPANSIONS, indexedFields } from './search-core';
import { searchDocument } from './search-text';
import {
  ByteWriter,
  SHARD_FORMAT,
  shardFiles,
  writeFrequencies,
  writeTerms,
  type ShardManifest,
} from './search-shards-format';

export interface ShardBuildOptions {
  /**
   * Postings bytes a shard aims at before compression. Smaller shards waste less of a fetch on
   * terms a query does not need (a typo's candidates are scattered over the vocabulary), larger
   * ones need fewer requests. Default 1 KB: over 20,000 papers, cold sessions of five corpus
   * keywords typed letter by letter (held-out half, 30 sessions, 330 bytes of headers a
   * request) fetch 358 KB of shards, against 389 KB at 2 KB, 445 KB at 4 KB and 547 KB at 8 KB.
   * By default an index too small for 64 shards of that size uses smaller ones (at least 512
   * bytes); a size given is used as it is (the tests give tiny ones).
   */
  shardBytes?: number;
}

export interface ShardIndex {
  manifest: ShardManifest;
  /** Every file but the manifest and the per-paper files, by path under the data folder. */
  files: Map<string, Uint8Array | string>;
  /** The papers in index order: `p/<i>.json` holds papers[i] (see paperFragment). */
  papers: Paper[];
}

/** The text of `p/<i>.json`. */
export const paperFragment = (paper: Paper) => `${JSON.stringify(paper)}\n`;

/** 32-bit FNV-1a over bytes, continued from `h`. */
function hashBytes(bytes: Uint8Array, h: number): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * The index of `days` (date → that day's papers in page order). Papers are indexed newest day
 * first, as the archive lists them; `datasetVersion` is recorded so a server can tell an index
 * of another dataset.
 */
export function buildShardIndex(
  days: ReadonlyMap<string, readonly Paper[]>,
  datasetVersion: string,
  options: ShardBuildOptions = {},
): ShardIndex {
  const dates = [...days.keys()].sort().reverse();
  const papers = dates.flatMap((d) => days.get(d) ?? []);
  const n = papers.length;

  const topicIds = new Map<string, number>();
  const lengths = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)];
  const termIds = new Map<string, number>();
  const postings: ByteWriter[] = [];
  const df: number[] = [];
  const lastDoc: number[] = [];
  const counts = new Map<number, number[]>();

  papers.forEach((paper, d) => {
    for (const t of paper.topics) if (!topicIds.has(t)) topicIds.set(t, topicIds.size);
    const doc = searchDocument(paper);
    counts.clear();
    indexedFields(doc).forEach(({ length, words }, f) => {
      lengths[f]![d] = length;
      for (const word of words) {
        let id = termIds.get(word);
        if (id === undefined) {
          id = postings.length;
          termIds.set(word, id);
          postings.push(new ByteWriter());
          df.push(0);
          lastDoc.push(0);
        }
        let tf = counts.get(id);
        if (!tf) counts.set(id, (tf = [0, 0, 0]));
        if (tf[f]! < TF_MAX[f]!) tf[f]!++; // saturating where the packing does
      }
    });
    for (const [id, tf] of counts) {
      const out = postings[id]!;
      out.uint(d - lastDoc[id]!);
      writeFrequencies(out, tf[0]!, tf[1]!, tf[2]!);
      lastDoc[id] = d;
      df[id]!++;
    }
  });

  const terms = [...termIds.keys()].sort();
  const order = terms.map((t) => termIds.get(t)!);
  const total = postings.reduce((s, p) => s + p.length, 0);
  const target = options.shardBytes ?? Math.max(512, Math.min(1024, Math.ceil(total / 64)));

  // Head shards: what a word of two letters being typed expands to (its TWO_LETTER_EXPANSIONS
  // commonest completions, ties in term order, as search-core.ts picks them), one shard for
  // each two letters. They are the archive's longest postings; apart, the second key of every
  // word cost a dozen requests.
  const headOf = new Int32Array(terms.length).fill(-1);
  const heads: number[][] = [];
  for (let i = 0; i < terms.length;) {
    const prefix = terms[i]!.slice(0, 2);
    let end = i + 1;
    if (prefix.length === 2) {
      while (end < terms.length && terms[end]!.startsWith(prefix)) end++;
      const completions: number[] = [];
      for (let k = i; k < end; k++) if (terms[k] !== prefix) completions.push(k);
      if (completions.length) {
        const head = completions
          .sort((a, b) => df[order[b]!]! - df[order[a]!]!)
          .slice(0, TWO_LETTER_EXPANSIONS)
          .sort((a, b) => a - b);
        for (const k of head) headOf[k] = heads.length;
        heads.push(head);
      }
    }
    i = end;
  }

  // The other terms: contiguous runs in term order, cut once a run reaches the target size.
  const shards: Uint8Array[] = [];
  const shardStarts: number[] = [];
  let current = new ByteWriter();
  order.forEach((id, i) => {
    if (headOf[i]! >= 0) return;
    if (current.length === 0) shardStarts.push(i);
    current.raw(postings[id]!.finish());
    if (current.length >= target) {
      shards.push(current.finish());
      current = new ByteWriter();
    }
  });
  if (current.length) shards.push(current.finish());
  for (const head of heads) {
    const out = new ByteWriter();
    for (const k of head) out.raw(postings[order[k]!]!.finish());
    shards.push(out.finish());
  }

  const termsOut = new ByteWriter();
  writeTerms(termsOut, terms);
  for (const id of order) termsOut.uint(df[id]!);
  termsOut.uint(shardStarts.length);
  shardStarts.forEach((start, k) => termsOut.uint(start - (k ? shardStarts[k - 1]! : 0)));
  // The head shards follow the others: their terms, as gaps from the last head term.
  termsOut.uint(heads.length);
  let lastHead = 0;
  for (const head of heads) {
    termsOut.uint(head.length);
    for (const k of head) {
      termsOut.uint(k - lastHead);
      lastHead = k;
    }
  }

  const topics = [...topicIds.keys()];
  const docsOut = new ByteWriter();
  for (const column of lengths) for (const len of column) docsOut.uint(len);
  for (const p of papers) {
    docsOut.uint(p.topics.length);
    for (const t of p.topics) docsOut.uint(topicIds.get(t)!);
  }
  for (const p of papers) docsOut.uint(p.links.some((l) => l.kind === 'code') ? 1 : 0);
  for (const p of papers) docsOut.uint(p.upvotes === undefined ? 0 : p.upvotes + 1);
  const orderOut = new ByteWriter();
  for (const rank of titleRanks(papers)) orderOut.uint(rank);

  const ids = `${papers.map((p) => p.id).join('\n')}\n`;
  const termsBytes = termsOut.finish();
  const docsBytes = docsOut.finish();
  const orderBytes = orderOut.finish();
  let h = hashBytes(
    new TextEncoder().encode(`${SHARD_FORMAT}|${datasetVersion}|${ids}`),
    0x811c9dc5,
  );
  h = hashBytes(termsBytes, h);
  h = hashBytes(docsBytes, h);
  h = hashBytes(orderBytes, h);
  for (const shard of shards) h = hashBytes(shard, h);
  const version = `${h.toString(36)}-${n.toString(36)}`;

  const paths = shardFiles(version);
  const files = new Map<string, Uint8Array | string>([
    [paths.ids, ids],
    [paths.docs, docsBytes],
    [paths.terms, termsBytes],
    [paths.order, orderBytes],
  ]);
  shards.forEach((bytes, k) => files.set(paths.shard(k), bytes));
  const counted = new Map<string, number>();
  for (const p of papers) counted.set(p.date, (counted.get(p.date) ?? 0) + 1);
  return {
    manifest: {
      format: SHARD_FORMAT,
      version,
      dataset: datasetVersion,
      papers: n,
      days: dates.flatMap((date) =>
        counted.has(date) ? [{ date, count: counted.get(date)! }] : [],
      ),
      topics,
      shards: shards.length,
    },
    files,
    papers,
  };
}

/**
 * Each paper's place in title order as feed.ts sorts titles (English, ignoring case and
 * accents); titles that collate equal share a rank, so a stable sort by rank orders as one by
 * title.
 */
function titleRanks(papers: readonly Paper[]): Uint32Array {
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  const order = Array.from(papers.keys()).sort((a, b) =>
    collator.compare(papers[a]!.title, papers[b]!.title),
  );
  const ranks = new Uint32Array(papers.length);
  let rank = 0;
  order.forEach((d, i) => {
    if (i > 0 && collator.compare(papers[order[i - 1]!]!.title, papers[d]!.title) !== 0) rank = i;
    ranks[d] = rank;
  });
  return ranks;
}
