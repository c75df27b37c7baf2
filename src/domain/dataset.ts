/**
 * The ingest pipeline without I/O: raw pairs become Papers (cleaned, tagged, linked), are merged
 * into the existing dataset without duplicates, and the index and day files are derived. The CLI
 * reads and writes the files; everything it writes is computed here and validated by the schema.
 */
import { DigestError } from './errors';
import { type RawPaper, collapse } from './formats/raw';
import { cut, dateProblem, LIMITS } from './limits';
import { extractLinks, isDeceptive, isSafeHref } from './links';
import {
  SCHEMA_VERSION,
  type DatasetIndex,
  type DayFile,
  type Link,
  type Paper,
  type SimilarFile,
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

/** Lone UTF-16 surrogates (half an emoji): not text, and they break XML feeds. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const tidy = (text: string) =>
  collapse(stripControlCharacters(text).replace(LONE_SURROGATE, '\ufffd'));

/** The links a source states, then those in the abstract and the note, each URL once. */
function linksOf(raw: RawPaper, abstract: string): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const link of [
    // A link the source labels is trusted with its label only when its URL is not deceptive.
    ...(raw.links ?? []).map((l) =>
      isSafeHref(l.url) && isDeceptive(new URL(l.url)) ? { ...l, kind: 'other' as const } : l,
    ),
    ...extractLinks(abstract),
    ...(raw.note ? extractLinks(tidy(raw.note).slice(0, LIMITS.abstract)) : []),
  ])
    if (
      isSafeHref(link.url) &&
      link.url.length <= LIMITS.url &&
      !seen.has(link.url) &&
      links.length < LIMITS.links
    ) {
      seen.add(link.url);
      links.push(link);
    }
  return links;
}

/**
 * Cleans, tags and links one raw paper, holding every field to its limit (LIMITS): a title or
 * abstract over its limit is refused; too many or too long authors, links and categories are cut,
 * and `warn` is told what was cut.
 */
export function buildPaper(raw: RawPaper): Paper {
  return buildPaperWarning(raw, () => {});
}

/** buildPaper, telling `warn` what it cut. */
export function buildPaperWarning(raw: RawPaper, warn: (message: string) => void): Paper {
  const title = cleanMath(tidy(raw.title));
  const abstractRaw = tidy(raw.abstract);
  if (!title)
    throw new DigestError('a paper has an empty title after removing control characters', raw.line);
  const what = `"${cut(title, 60)}"`;
  if (title.length > LIMITS.title)
    throw new DigestError(
      `the title ${what} is ${title.length.toLocaleString('en-US')} characters, over the ${LIMITS.title} limit; is it a title?`,
      raw.line,
    );
  if (!abstractRaw) throw new DigestError(`${what} has an empty abstract`, raw.line);
  if (abstractRaw.length > LIMITS.abstract)
    throw new DigestError(
      `the abstract of ${what} is ${abstractRaw.length.toLocaleString('en-US')} characters, over the ${LIMITS.abstract.toLocaleString('en-US')} limit; is it two papers run together?`,
      raw.line,
    );
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
  const where = `line ${raw.line}: ${what}`;
  const authors = (raw.authors ?? []).map(tidy).filter(Boolean);
  if (authors.length > LIMITS.authors)
    warn(
      `${where} lists ${authors.length.toLocaleString('en-US')} authors; kept the first ${LIMITS.authors}`,
    );
  const long = authors.filter((a) => a.length > LIMITS.author).length;
  if (long)
    warn(
      `${where} has ${long === 1 ? 'an author name' : `${long} author names`} over ${LIMITS.author} characters; cut`,
    );
  if (authors.length)
    paper.authors = authors.slice(0, LIMITS.authors).map((a) => cut(a, LIMITS.author));
  if (raw.arxivId) paper.arxivId = tidy(raw.arxivId);
  if (raw.upvotes !== undefined) paper.upvotes = raw.upvotes;
  if (raw.comments !== undefined) paper.comments = raw.comments;
  const categories = [
    ...new Set((raw.categories ?? []).map(tidy).filter((c) => c && c.length <= LIMITS.category)),
  ];
  if (categories.length) paper.categories = categories.slice(0, LIMITS.categories);
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
  /** Papers whose title, abstract, authors or links this input changed, by name. */
  changes: string[];
}

/** Characters that change nothing a reader sees: soft hyphen, zero-width and bidi marks, BOM. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * What makes two records of a title one paper: the title as written, in Unicode NFKC with
 * invisible characters removed, case and spacing ignored. Punctuation counts: "C++ for ML" and
 * "C# for ML" are two papers, though their URL slugs are the same.
 */
export function titleKey(title: string): string {
  return title.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/\s+/g, ' ').trim();
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
  out.links = union(primary.links, other.links, (l) => l.url).slice(0, LIMITS.links);
  const categories = union(primary.categories, other.categories, String);
  if (categories.length) out.categories = categories.slice(0, LIMITS.categories);
  return out;
}

/** What a reader would see changed between two versions of a paper, by field. */
function changedFields(before: Paper, after: Paper): string[] {
  const fields: string[] = [];
  if (before.title !== after.title) fields.push('title');
  if (before.abstract !== after.abstract) fields.push('abstract');
  if (canonical(before.authors ?? []) !== canonical(after.authors ?? [])) fields.push('authors');
  if (canonical(before.links) !== canonical(after.links)) fields.push('links');
  return fields;
}

/**
 * Merges new papers into the dataset. A paper is found by its arXiv id first, then by its title
 * (titleKey), so the same paper from the Hugging Face API and an arXiv feed is one paper, while
 * two papers whose titles differ only in punctuation, or share a title under two arXiv ids, stay
 * two: the second gets its slug with a fingerprint. A paper keeps the id it was first given and
 * lives on the earliest day it was seen. Re-ingesting a day replaces its papers in place, so the
 * same input gives the same dataset; a paper already on an earlier day keeps its place and text
 * but takes this input's votes, comments, links and categories. Every change to a title,
 * abstract, authors or links is reported by name. Returns a new map; the input is not changed.
 */
export function mergePapers(
  existing: DayMap,
  incoming: readonly Paper[],
): { days: DayMap; report: MergeReport } {
  const days: DayMap = new Map([...existing].map(([date, papers]) => [date, [...papers]]));
  const byId = new Map<string, Paper>();
  const byArxiv = new Map<string, string>();
  const byTitle = new Map<string, string>();
  const remember = (p: Paper) => {
    byId.set(p.id, p);
    if (p.arxivId) byArxiv.set(p.arxivId, p.id);
    if (!byTitle.has(titleKey(p.title))) byTitle.set(titleKey(p.title), p.id);
  };
  for (const papers of days.values()) for (const p of papers) remember(p);
  const report: MergeReport = {
    added: 0,
    updated: 0,
    unchanged: 0,
    known: 0,
    enriched: 0,
    moved: 0,
    changes: [],
  };
  const find = (p: Paper): Paper | undefined => {
    const byIdOfArxiv = p.arxivId ? byArxiv.get(p.arxivId) : undefined;
    if (byIdOfArxiv) return byId.get(byIdOfArxiv);
    const same = byId.get(byTitle.get(titleKey(p.title)) ?? '');
    // The same title under another arXiv id is another paper.
    return same && !(same.arxivId && p.arxivId && same.arxivId !== p.arxivId) ? same : undefined;
  };
  const freeId = (p: Paper): string => {
    if (!byId.has(p.id)) return p.id;
    const base = `${p.id.slice(0, 60)}-${fingerprint(`${titleKey(p.title)}|${p.arxivId ?? ''}`)}`;
    let id = base;
    for (let n = 2; byId.has(id); n++) id = `${base}-${n}`;
    return id;
  };
  const place = (date: string, id: string) => {
    const list = days.get(date)!;
    return { list, i: list.findIndex((p) => p.id === id) };
  };
  const note = (before: Paper, after: Paper, extra = '') => {
    const fields = changedFields(before, after);
    if (fields.length || extra)
      report.changes.push(
        `"${cut(after.title, 70)}": ${[fields.length ? `${fields.join(', ')} changed` : '', extra].filter(Boolean).join('; ')}`,
      );
  };
  for (const given of incoming) {
    const found = find(given);
    if (found && found.date < given.date) {
      report.known++;
      const { list, i } = place(found.date, found.id);
      const after = combine(found, { ...given, id: found.id });
      if (given.upvotes !== undefined) after.upvotes = given.upvotes;
      if (given.comments !== undefined) after.comments = given.comments;
      if (canonical(after) !== canonical(found)) {
        list[i] = after;
        remember(after);
        report.enriched++;
        note(found, after);
      }
      continue;
    }
    if (found && found.date === given.date) {
      const { list, i } = place(found.date, found.id);
      const after = combine({ ...given, id: found.id }, found);
      if (canonical(after) === canonical(found)) report.unchanged++;
      else {
        list[i] = after;
        remember(after);
        report.updated++;
        note(found, after);
      }
      continue;
    }
    let paper: Paper;
    if (found) {
      // Seen earlier by this input: moved to the earlier day, keeping its id.
      const { list, i } = place(found.date, found.id);
      paper = combine({ ...given, id: found.id }, found);
      list.splice(i, 1);
      if (!list.length) days.delete(found.date);
      report.moved++;
      note(found, paper, `moved from ${found.date} to ${given.date}`);
    } else {
      paper = { ...given, id: freeId(given) };
      report.added++;
    }
    remember(paper);
    const list = days.get(paper.date);
    if (list) list.push(paper);
    else days.set(paper.date, [paper]);
  }
  return { days, report };
}

/**
 * Every paper's five most similar papers across all days, by day: kept apart from the day files
 * (data/similar/DATE.json), so a day file changes only when its own papers do, and the copies a
 * reader's browser keeps offline survive an update that only brought new papers.
 */
export function similarByDay(days: DayMap, k = 5): Map<string, SimilarFile> {
  const all = [...days.values()].flat();
  const byId = new Map(all.map((p) => [p.id, p]));
  const neighbours = nearestNeighbours(all, k);
  const out = new Map<string, SimilarFile>();
  for (const [date, papers] of days)
    out.set(date, {
      schemaVersion: SCHEMA_VERSION,
      date,
      similar: Object.fromEntries(
        papers.map((p) => [
          p.id,
          (neighbours.get(p.id) ?? []).map((n) => {
            const other = byId.get(n.id)!;
            return { id: other.id, date: other.date, title: other.title, score: n.score };
          }),
        ]),
      ),
    });
  return out;
}

/** The papers with their similar lists attached (what the paper page shows). */
export function withSimilar(days: DayMap, k = 5): DayMap {
  const similar = similarByDay(days, k);
  return new Map(
    [...days].map(([date, papers]) => [
      date,
      papers.map((p) => ({ ...p, similar: similar.get(date)!.similar[p.id] ?? [] })),
    ]),
  );
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
  /** What was cut to its limit, by line. */
  warnings: string[];
  index: DatasetIndex;
  /** Day files whose content differs from what was there (all of them for a new dataset). */
  changed: DayFile[];
  /** Similar-paper files whose content differs from `previousSimilar` (or all of them). */
  changedSimilar: SimilarFile[];
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
  previousSimilar: ReadonlyMap<string, string> = new Map(),
): IngestResult {
  const papers: Paper[] = [];
  const warnings: string[] = [];
  raw.forEach((r, i) => {
    const problem = dateProblem(r.date, now.slice(0, 10));
    if (problem) throw new DigestError(`"${cut(r.title, 60)}": ${problem}`, r.line);
    papers.push(buildPaperWarning(r, (w) => warnings.push(w)));
    if (onProgress && (i + 1) % 2000 === 0) onProgress('tagging', i + 1, raw.length);
  });
  const { days: merged, report } = mergePapers(existing, papers);
  // Day files hold no similar lists (an older dataset's are dropped here, once).
  const days: DayMap = new Map(
    [...merged].map(([date, list]) => [
      date,
      list.map((p) => {
        if (p.similar === undefined) return p;
        const copy = { ...p };
        delete copy.similar;
        return copy;
      }),
    ]),
  );
  onProgress?.('similar papers', 0, 1);
  const similar = similarByDay(days);
  const changedSimilar = [...similar.values()].filter(
    (file) => previousSimilar.get(file.date) !== canonical(file),
  );
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
  return { index, changed, changedSimilar, report, days, warnings };
}
