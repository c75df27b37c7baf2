/**
 * The ingest pipeline without I/O: raw pairs become Papers (cleaned, tagged, linked), are merged
 * into the existing dataset without duplicates, and the index and day files are derived. The CLI
 * reads and writes the files; everything it writes is computed here and validated by the schema.
 */
import { DigestError } from './errors';
import { type RawPaper, collapse } from './formats/raw';
import { extractLinks, isSafeHref } from './links';
import {
  SCHEMA_VERSION,
  type DatasetIndex,
  type DayFile,
  type Link,
  type Paper,
  validateDayFile,
  validateIndex,
} from './schema';
import { nearestNeighbours } from './similarity';
import {
  cleanMath,
  countWords,
  fingerprint,
  paperIdFromTitle,
  stripControlCharacters,
} from './text';
import { TOPICS, tagTopics } from './topics';

const tidy = (text: string) => collapse(stripControlCharacters(text));

/** The links a source states, then those in the abstract and the note, each URL once. */
function linksOf(raw: RawPaper, abstract: string): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const link of [
    ...(raw.links ?? []),
    ...extractLinks(abstract),
    ...(raw.note ? extractLinks(tidy(raw.note)) : []),
  ])
    if (isSafeHref(link.url) && !seen.has(link.url)) {
      seen.add(link.url);
      links.push(link);
    }
  return links;
}

/** Cleans, tags and links one raw paper. */
export function buildPaper(raw: RawPaper): Paper {
  const title = cleanMath(tidy(raw.title));
  const abstractRaw = tidy(raw.abstract);
  if (!title)
    throw new DigestError('a paper has an empty title after removing control characters', raw.line);
  if (!abstractRaw)
    throw new DigestError(`"${title.slice(0, 60)}" has an empty abstract`, raw.line);
  const abstract = cleanMath(abstractRaw);
  const { topics, evidence } = tagTopics(title, abstract);
  const paper: Paper = {
    id: paperIdFromTitle(title),
    date: raw.date,
    title,
    abstract,
    topics,
    evidence,
    links: linksOf(raw, abstractRaw),
    wordCount: countWords(abstract),
  };
  if (abstractRaw !== abstract) paper.abstractRaw = abstractRaw;
  if (raw.authors?.length) paper.authors = raw.authors.map(tidy).filter(Boolean);
  if (raw.arxivId) paper.arxivId = tidy(raw.arxivId);
  if (raw.upvotes !== undefined) paper.upvotes = raw.upvotes;
  if (raw.comments !== undefined) paper.comments = raw.comments;
  const categories = raw.categories?.map(tidy).filter(Boolean);
  if (categories?.length) paper.categories = [...new Set(categories)];
  return paper;
}

/** Papers by date. */
export type DayMap = Map<string, Paper[]>;

export interface MergeReport {
  /** Papers not in the dataset before. */
  added: number;
  /** Papers already on the same day, replaced by a changed version. */
  updated: number;
  /** Papers already on the same day, exactly as given. */
  unchanged: number;
  /** Papers already on an earlier day, left where they were. */
  known: number;
  /** Of those, papers given new votes, comments, links, categories or authors by this input. */
  enriched: number;
  /** Papers moved to an earlier day because the input saw them earlier. */
  moved: number;
}

function union<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, key: (x: T) => string) {
  const out = [...(a ?? [])];
  const seen = new Set(out.map(key));
  for (const x of b ?? [])
    if (!seen.has(key(x))) {
      seen.add(key(x));
      out.push(x);
    }
  return out;
}

/**
 * One paper from two records of it: `primary`'s text, topics and fields win; `other` fills in
 * what `primary` lacks (an arXiv id, authors, votes), and links and categories are joined.
 */
function combine(primary: Paper, other: Paper): Paper {
  const out: Paper = { ...other, ...primary };
  // The raw abstract belongs to the abstract shown, which is primary's.
  if (primary.abstractRaw === undefined) delete out.abstractRaw;
  const links = union(primary.links, other.links, (l) => l.url);
  out.links = links;
  const categories = union(primary.categories, other.categories, String);
  if (categories.length) out.categories = categories;
  return out;
}

/**
 * Merges new papers into the dataset. A paper is found by its arXiv id first, then by its id
 * (the normalised title), so the same paper from the Hugging Face API and an arXiv feed is one
 * paper; it keeps the id it was first given and lives on the earliest day it was seen.
 * Re-ingesting a day replaces its papers in place, so the same input gives the same dataset;
 * a paper already on an earlier day keeps its place and text but takes this input's votes,
 * comments, links and categories. Returns a new map; the input map is not changed.
 */
export function mergePapers(
  existing: DayMap,
  incoming: readonly Paper[],
): { days: DayMap; report: MergeReport } {
  const days: DayMap = new Map([...existing].map(([date, papers]) => [date, [...papers]]));
  const where = new Map<string, string>();
  const byArxiv = new Map<string, string>();
  for (const [date, papers] of days)
    for (const p of papers) {
      where.set(p.id, date);
      if (p.arxivId) byArxiv.set(p.arxivId, p.id);
    }
  const report: MergeReport = {
    added: 0,
    updated: 0,
    unchanged: 0,
    known: 0,
    enriched: 0,
    moved: 0,
  };
  const find = (date: string, id: string) => {
    const list = days.get(date)!;
    return { list, i: list.findIndex((p) => p.id === id) };
  };
  for (const given of incoming) {
    const knownId = given.arxivId ? byArxiv.get(given.arxivId) : undefined;
    let paper = knownId && knownId !== given.id ? { ...given, id: knownId } : given;
    const seenOn = where.get(paper.id);
    if (seenOn !== undefined && seenOn < paper.date) {
      report.known++;
      const { list, i } = find(seenOn, paper.id);
      const before = list[i]!;
      const after = combine(before, paper);
      if (paper.upvotes !== undefined) after.upvotes = paper.upvotes;
      if (paper.comments !== undefined) after.comments = paper.comments;
      if (canonical(after) !== canonical(before)) {
        list[i] = after;
        report.enriched++;
      }
      continue;
    }
    if (seenOn === paper.date) {
      const { list, i } = find(seenOn, paper.id);
      const before = list[i]!;
      const after = { ...combine(paper, before), similar: before.similar };
      if (!before.similar) delete after.similar;
      if (canonical(after) === canonical(before)) report.unchanged++;
      else {
        list[i] = after;
        report.updated++;
      }
      continue;
    }
    if (seenOn !== undefined) {
      const { list, i } = find(seenOn, paper.id);
      paper = combine(paper, list[i]!);
      delete paper.similar;
      list.splice(i, 1);
      if (!list.length) days.delete(seenOn);
      report.moved++;
    } else report.added++;
    where.set(paper.id, paper.date);
    if (paper.arxivId) byArxiv.set(paper.arxivId, paper.id);
    const list = days.get(paper.date);
    if (list) list.push(paper);
    else days.set(paper.date, [paper]);
  }
  return { days, report };
}

/** Recomputes every paper's "similar" list across all days. Returns a new map. */
export function withSimilar(days: DayMap, k = 5): DayMap {
  const all = [...days.values()].flat();
  const byId = new Map(all.map((p) => [p.id, p]));
  const neighbours = nearestNeighbours(all, k);
  const out: DayMap = new Map();
  for (const [date, papers] of days)
    out.set(
      date,
      papers.map((p) => ({
        ...p,
        similar: (neighbours.get(p.id) ?? []).map((n) => {
          const other = byId.get(n.id)!;
          return { id: other.id, date: other.date, title: other.title, score: n.score };
        }),
      })),
    );
  return out;
}

/** The day file for one date. */
export function dayFile(date: string, papers: Paper[]): DayFile {
  return { schemaVersion: SCHEMA_VERSION, date, papers };
}

/** JSON with object keys sorted: equal for equal data whatever order the keys were set in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/** JSON text of a file, as written to disk. */
export function serialize(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/**
 * Builds the index for a set of day files. `generatedAt` is kept from `previous` when nothing
 * changed, so re-ingesting the same input rewrites nothing.
 */
export function buildIndex(
  days: DayMap,
  now: string,
  previous?: DatasetIndex | null,
): DatasetIndex {
  const dates = [...days.keys()].sort();
  const totals = new Map<string, number>(TOPICS.map((t) => [t.id, 0]));
  let versionText = '';
  let paperCount = 0;
  const entries = dates.map((date) => {
    const papers = days.get(date)!;
    paperCount += papers.length;
    versionText += `${date}:${fingerprint(canonical(dayFile(date, papers)))};`;
    const topics: Record<string, number> = {};
    for (const paper of papers)
      for (const t of paper.topics) {
        topics[t] = (topics[t] ?? 0) + 1;
        totals.set(t, (totals.get(t) ?? 0) + 1);
      }
    return { date, count: papers.length, topics };
  });
  const version = `${SCHEMA_VERSION}-${fingerprint(versionText)}`;
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: previous?.version === version ? previous.generatedAt : now,
    version,
    paperCount,
    days: entries,
    topics: TOPICS.map((t) => ({ id: t.id, label: t.label, count: totals.get(t.id) ?? 0 })),
  };
}

export interface IngestResult {
  index: DatasetIndex;
  /** Day files whose content differs from what was there (all of them for a new dataset). */
  changed: DayFile[];
  report: MergeReport;
  days: DayMap;
}

/**
 * The whole ingest step on data already read: build papers, merge them, recompute similar
 * papers, derive the index, and list the day files that changed. Everything returned has been
 * validated against the schema, so the CLI only writes valid files.
 */
export function ingest(
  existing: DayMap,
  previousIndex: DatasetIndex | null,
  raw: readonly RawPaper[],
  now: string,
  onProgress?: (stage: string, done: number, total: number) => void,
): IngestResult {
  const papers: Paper[] = [];
  raw.forEach((r, i) => {
    papers.push(buildPaper(r));
    if (onProgress && (i + 1) % 2000 === 0) onProgress('tagging', i + 1, raw.length);
  });
  const { days: merged, report } = mergePapers(existing, papers);
  onProgress?.('similar papers', 0, 1);
  const days = withSimilar(merged);
  const index = buildIndex(days, now, previousIndex);
  const changed: DayFile[] = [];
  for (const [date, list] of days) {
    const file = dayFile(date, list);
    const before = existing.get(date);
    if (!before || canonical(dayFile(date, before)) !== canonical(file)) {
      const checked = validateDayFile(file);
      if (!checked.ok)
        throw new DigestError(
          `internal: day ${date} would not validate: ${checked.problems.join('; ')}`,
        );
      changed.push(file);
    }
  }
  const checkedIndex = validateIndex(index);
  if (!checkedIndex.ok)
    throw new DigestError(
      `internal: index would not validate: ${checkedIndex.problems.join('; ')}`,
    );
  return { index, changed, report, days };
}
