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
import {
  type Signature,
  type SimilarityState,
  buildSimilarity,
  updateSimilarity,
} from './similarity';
import {
  blankText,
  cleanMath,
  countWords,
  fingerprint,
  fnv1a,
  hasVisibleText,
  paperIdFromTitle,
  stripControlCharacters,
} from './text';
import { TOPICS, tagTopics, type Tagger } from './topics';

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
 * The title and abstract a paper is tagged by, as buildPaper cleans them (so another thread can
 * tag papers ahead of buildPaper with the same text).
 */
export function taggedText(raw: Pick<RawPaper, 'title' | 'abstract'>): {
  title: string;
  abstract: string;
} {
  return { title: cleanMath(tidy(raw.title)), abstract: cleanMath(tidy(raw.abstract)) };
}

/**
 * Cleans, tags and links one raw paper, holding every field to its limit (LIMITS): a title or
 * abstract over its limit is refused; too many or too long authors, links and categories are cut,
 * and `warn` is told what was cut.
 */
export function buildPaper(raw: RawPaper): Paper {
  return buildPaperWarning(raw, () => {});
}

/** buildPaper, telling `warn` what it cut, tagging with `tag` (the written rules by default). */
export function buildPaperWarning(
  raw: RawPaper,
  warn: (message: string) => void,
  tag: Tagger = tagTopics,
): Paper {
  // Every format refuses a missing title; one made of characters that draw nothing is refused
  // here, once for all of them.
  const blankTitle = blankText(raw.title);
  if (blankTitle)
    throw new DigestError(
      `a paper's title is ${blankTitle}; every paper needs a title a reader can see`,
      raw.line,
    );
  const title = cleanMath(tidy(raw.title));
  const abstractRaw = tidy(raw.abstract);
  if (!title)
    throw new DigestError('a paper has an empty title after removing control characters', raw.line);
  const what = `"${cut(title, 60)}"`;
  const blankAbstract = blankText(raw.abstract);
  if (blankAbstract)
    throw new DigestError(
      `${what} has ${blankAbstract === 'empty' ? 'an empty abstract' : `an abstract of ${blankAbstract}`}`,
      raw.line,
    );
  if (title.length > LIMITS.title)
    throw new DigestError(
      `the title ${what} is ${title.length.toLocaleString('en-US')} characters, over the ${LIMITS.title} limit; is it a title?`,
      raw.line,
    );
  if (abstractRaw.length > LIMITS.abstract)
    throw new DigestError(
      `the abstract of ${what} is ${abstractRaw.length.toLocaleString('en-US')} characters, over the ${LIMITS.abstract.toLocaleString('en-US')} limit; is it two papers run together?`,
      raw.line,
    );
  const abstract = cleanMath(abstractRaw);
  const { topics, evidence } = tag(title, abstract);
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
  const authors = (raw.authors ?? []).map(tidy).filter(hasVisibleText);
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
    ...new Set(
      (raw.categories ?? [])
        .map(tidy)
        .filter((c) => hasVisibleText(c) && c.length <= LIMITS.category),
    ),
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
 * `existing` may be part of the dataset (the days that hold every paper the input can match, see
 * touchedDates) when `taken` tells which ids the rest of it uses.
 */
export function mergePapers(
  existing: DayMap,
  incoming: readonly Paper[],
  taken: (id: string) => boolean = () => false,
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
    const used = (id: string) => byId.has(id) || taken(id);
    if (!used(p.id)) return p.id;
    const base = `${p.id.slice(0, 60)}-${fingerprint(`${titleKey(p.title)}|${p.arxivId ?? ''}`)}`;
    let id = base;
    for (let n = 2; used(id); n++) id = `${base}-${n}`;
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

/** Neighbours kept per paper. */
export const SIMILAR_COUNT = 5;

/**
 * Every paper's five most similar papers across all days, by day: kept apart from the day files
 * (data/similar/DATE.json), so a day file changes only when its own papers do, and the copies a
 * reader's browser keeps offline survive an update that only brought new papers.
 */
export function similarByDay(days: DayMap, k = SIMILAR_COUNT): Map<string, SimilarFile> {
  const state = archiveState(days, '', k);
  return new Map(state.days.map((day) => [day.date, similarFileOf(state, day.date)]));
}

/** The papers with their similar lists attached (what the paper page shows). */
export function withSimilar(days: DayMap, k = SIMILAR_COUNT): DayMap {
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

/** The fingerprint of one day's content, from which the dataset version is made. */
export function dayFingerprint(date: string, papers: Paper[]): string {
  return fingerprint(canonical(dayFile(date, papers)));
}

/** One day of the index, with the fingerprint of its content. */
interface IndexDay {
  date: string;
  count: number;
  topics: Record<string, number>;
  fingerprint: string;
}

function indexDay(date: string, papers: Paper[]): IndexDay {
  return { date, ...countsOf(papers), fingerprint: dayFingerprint(date, papers) };
}

/** The dataset version of days with these fingerprints (in date order). */
function versionOf(days: readonly { date: string; fingerprint: string }[]): string {
  let versionText = '';
  for (const day of days) versionText += `${day.date}:${day.fingerprint};`;
  return `${SCHEMA_VERSION}-${fingerprint(versionText)}`;
}

function indexOf(days: readonly IndexDay[], now: string, previous?: DatasetIndex | null) {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : 1));
  const totals = new Map<string, number>(TOPICS.map((t) => [t.id, 0]));
  let paperCount = 0;
  for (const day of sorted) {
    paperCount += day.count;
    for (const [t, count] of Object.entries(day.topics))
      totals.set(t, (totals.get(t) ?? 0) + count);
  }
  const version = versionOf(sorted);
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: previous?.version === version ? previous.generatedAt : now,
    version,
    paperCount,
    days: sorted.map(({ date, count, topics }) => ({ date, count, topics })),
    topics: TOPICS.map((t) => ({ id: t.id, label: t.label, count: totals.get(t.id) ?? 0 })),
  } satisfies DatasetIndex;
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
  return indexOf(
    [...days].map(([date, papers]) => indexDay(date, papers)),
    now,
    previous,
  );
}

/**
 * What ingest keeps between runs so that adding a day does not mean reading, comparing and
 * recomputing the whole archive (data/.ingest-state.bin, which the app never loads): the
 * similarity state (signatures, term table, neighbours), and for every paper what merging and
 * the similar files need (id, title, arXiv id, day), and every day's fingerprint. It describes
 * the dataset of index.json `version`; any other dataset is ingested in full.
 */
export interface ArchiveState {
  /** The index.json version this state describes. */
  version: string;
  similarity: SimilarityState;
  /** By doc (the similarity state's numbering): title, arXiv id ('' for none), titleKey hash. */
  titles: string[];
  arxivIds: string[];
  titleHashes: number[];
  /** In date order: each day's fingerprint and its papers, in day-file order. */
  days: { date: string; fingerprint: string; docs: number[] }[];
  /** The files as the ingest command last wrote them (its own record: sizes, times, hashes). */
  files: Record<string, unknown>;
}

const titleHash = (title: string) => fnv1a(titleKey(title));

/** The state of a whole dataset, computed in full (papers numbered in date and day order). */
export function archiveState(days: DayMap, version: string, k = SIMILAR_COUNT): ArchiveState {
  const dates = [...days.keys()].sort();
  const all: Paper[] = [];
  const stateDays = dates.map((date) => {
    const papers = days.get(date)!;
    const docs = papers.map((_, i) => all.length + i);
    all.push(...papers);
    return { date, fingerprint: dayFingerprint(date, papers), docs };
  });
  return {
    version,
    similarity: buildSimilarity(all, k),
    titles: all.map((p) => p.title),
    arxivIds: all.map((p) => p.arxivId ?? ''),
    titleHashes: all.map((p) => titleHash(p.title)),
    days: stateDays,
    files: {},
  };
}

/** The doc number of every paper's date, from the state's days. */
function dateOfDocs(state: ArchiveState): string[] {
  const dates: string[] = new Array<string>(state.titles.length);
  for (const day of state.days) for (const doc of day.docs) dates[doc] = day.date;
  return dates;
}

/** The similar-paper file of one day, from the state. */
export function similarFileOf(state: ArchiveState, date: string, dates = dateOfDocs(state)) {
  const { similarity } = state;
  const day = state.days.find((d) => d.date === date)!;
  const file: SimilarFile = { schemaVersion: SCHEMA_VERSION, date, similar: {} };
  for (const doc of day.docs) {
    const refs: SimilarFile['similar'][string] = [];
    for (let j = 0; j < similarity.k; j++) {
      const other = similarity.neighbourDocs[doc * similarity.k + j]!;
      if (other < 0) break;
      refs.push({
        id: similarity.ids[other]!,
        date: dates[other]!,
        title: state.titles[other]!,
        score: Math.round(similarity.neighbourScores[doc * similarity.k + j]! * 1000) / 1000,
      });
    }
    file.similar[similarity.ids[doc]!] = refs;
  }
  return file;
}

export interface IngestResult {
  /** What was cut to its limit, by line. */
  warnings: string[];
  index: DatasetIndex;
  /** Day files whose content differs from what was there (all of them for a new dataset). */
  changed: DayFile[];
  /** Similar-paper files whose content differs from what was there (or all of them). */
  changedSimilar: SimilarFile[];
  /** Days that no longer exist (their only paper moved to an earlier day): files to remove. */
  removedDays: string[];
  report: MergeReport;
  /** The days merged: all of them after a full ingest, those touched after an incremental one. */
  days: DayMap;
  /** The state for the next ingest, describing the dataset of `index`. */
  state: ArchiveState;
  /** How the similar papers were computed: 'full', or 'incremental'. */
  mode: 'full' | 'incremental';
}

/** Papers built from raw records, with what was cut to its limit. */
export interface PreparedInput {
  papers: Paper[];
  warnings: string[];
}

/**
 * Builds the papers of the input, refusing a date too far in the past, or after tomorrow (UTC)
 * unless `allowFuture` (see dateProblem).
 */
export function preparePapers(
  raw: readonly RawPaper[],
  now: string,
  onProgress?: (stage: string, done: number, total: number) => void,
  { allowFuture = false, tag = tagTopics }: { allowFuture?: boolean; tag?: Tagger } = {},
): PreparedInput {
  const papers: Paper[] = [];
  const warnings: string[] = [];
  raw.forEach((r, i) => {
    const problem = dateProblem(r.date, now.slice(0, 10), allowFuture);
    if (problem) throw new DigestError(`"${cut(r.title, 60)}": ${problem}`, r.line);
    papers.push(buildPaperWarning(r, (w) => warnings.push(w), tag));
    if (onProgress && (i + 1) % 2000 === 0) onProgress('tagging', i + 1, raw.length);
  });
  return { papers, warnings };
}

/** Day files hold no similar lists (an older dataset's are dropped here, once). */
function withoutSimilar(days: DayMap): DayMap {
  return new Map(
    [...days].map(([date, list]) => [
      date,
      list.map((p) => {
        if (p.similar === undefined) return p;
        const copy = { ...p };
        delete copy.similar;
        return copy;
      }),
    ]),
  );
}

function checkedDay(file: DayFile): DayFile {
  const checked = validateDayFile(file);
  if (!checked.ok)
    throw new DigestError(
      `internal: day ${file.date} would not validate: ${checked.problems.join('; ')}`,
    );
  return file;
}

function checkedIndex(index: DatasetIndex): DatasetIndex {
  const checked = validateIndex(index);
  if (!checked.ok)
    throw new DigestError(`internal: index would not validate: ${checked.problems.join('; ')}`);
  return index;
}

/**
 * The whole ingest step on data already read: build papers, merge them, recompute similar
 * papers, derive the index, and list the day files that changed. Everything returned has been
 * validated against the schema, so the CLI only writes valid files.
 */
export function ingest(
  existing: DayMap,
  previousIndex: DatasetIndex | null,
  raw: readonly RawPaper[] | PreparedInput,
  now: string,
  onProgress?: (stage: string, done: number, total: number) => void,
  previousSimilar: ReadonlyMap<string, string> = new Map(),
): IngestResult {
  const { papers, warnings } = 'papers' in raw ? raw : preparePapers(raw, now, onProgress);
  onProgress?.('merging', 0, 1);
  const { days: merged, report } = mergePapers(existing, papers);
  const days = withoutSimilar(merged);
  onProgress?.('similar papers', 0, 1);
  const state = archiveState(days, '');
  const dates = dateOfDocs(state);
  const changedSimilar = state.days
    .map((day) => similarFileOf(state, day.date, dates))
    .filter((file) => previousSimilar.get(file.date) !== canonical(file));
  onProgress?.('index', 0, 1);
  const index = checkedIndex(
    indexOf(
      state.days.map((day) => ({
        date: day.date,
        ...countsOf(days.get(day.date)!),
        fingerprint: day.fingerprint,
      })),
      now,
      previousIndex,
    ),
  );
  state.version = index.version;
  const changed: DayFile[] = [];
  for (const [date, list] of days) {
    const file = dayFile(date, list);
    const before = existing.get(date);
    if (!before || canonical(dayFile(date, before)) !== canonical(file))
      changed.push(checkedDay(file));
  }
  const removedDays = [...existing.keys()].filter((date) => !days.has(date));
  return {
    index,
    changed,
    changedSimilar,
    removedDays,
    report,
    days,
    warnings,
    state,
    mode: 'full',
  };
}

function countsOf(papers: readonly Paper[]): { count: number; topics: Record<string, number> } {
  const topics: Record<string, number> = {};
  for (const paper of papers) for (const t of paper.topics) topics[t] = (topics[t] ?? 0) + 1;
  return { count: papers.length, topics };
}

/**
 * Whether a state describes the dataset of this index: the same version, made of the same
 * days with the same paper counts. Only then may an ingest start from it.
 */
export function stateMatches(state: ArchiveState, index: DatasetIndex | null): boolean {
  if (!index || state.version !== index.version) return false;
  if (state.days.length !== index.days.length) return false;
  for (let i = 0; i < state.days.length; i++) {
    const day = state.days[i]!;
    const entry = index.days[i]!;
    if (entry.date !== day.date || entry.count !== day.docs.length) return false;
  }
  return versionOf(state.days) === index.version;
}

/**
 * The days of the dataset that an incremental ingest must read: the input's own days and every
 * day holding a paper with one of the input's arXiv ids or titles (the papers it can merge with).
 */
export function touchedDates(state: ArchiveState, papers: readonly Paper[]): string[] {
  const dates = new Set(papers.map((p) => p.date));
  const arxivIds = new Set(papers.flatMap((p) => (p.arxivId ? [p.arxivId] : [])));
  const hashes = new Set(papers.map((p) => titleHash(p.title)));
  const known = new Set<number>();
  for (let doc = 0; doc < state.titles.length; doc++)
    if (hashes.has(state.titleHashes[doc]!) || arxivIds.has(state.arxivIds[doc]!)) known.add(doc);
  if (known.size)
    for (const day of state.days) if (day.docs.some((d) => known.has(d))) dates.add(day.date);
  const stored = new Set(state.days.map((d) => d.date));
  return [...dates].filter((d) => stored.has(d)).sort();
}

/**
 * When the state is recomputed in full rather than updated: once the papers signed since the
 * last full computation (new, or given new text) pass this share of the papers it had. Old
 * papers keep the weights of their own time, and this bounds how far those drift.
 */
export const FULL_RECOMPUTE_GROWTH = 0.1;

/**
 * The ingest step on part of the dataset: `state` describes the whole dataset (stateMatches
 * its index), and `loaded` holds the days touchedDates names, read and validated. Merges the
 * input into those days, updates the similar papers incrementally (updateSimilarity), reuses
 * the fingerprints and index entries of the days it did not touch, and returns the files to
 * write, as `ingest` does. Returns the reason instead when the dataset should be ingested in
 * full (the state is then unchanged): the archive grew too much since the last full
 * computation, or the state does not agree with the days read.
 */
export function ingestIncremental(
  state: ArchiveState,
  loaded: DayMap,
  previousIndex: DatasetIndex,
  input: PreparedInput,
  now: string,
  onProgress?: (stage: string, done: number, total: number) => void,
): IngestResult | { fallback: string } {
  onProgress?.('merging', 0, 1);
  const { similarity } = state;
  const docOf = new Map(similarity.ids.map((id, doc) => [id, doc]));
  const stateDays = new Map(state.days.map((d) => [d.date, d]));
  for (const [date, papers] of loaded) {
    const day = stateDays.get(date);
    if (!day || day.docs.length !== papers.length)
      return { fallback: `the state does not list the papers of ${date}` };
    for (let i = 0; i < papers.length; i++)
      if (docOf.get(papers[i]!.id) !== day.docs[i])
        return { fallback: `the state does not list the papers of ${date}` };
  }
  const { days: merged, report } = mergePapers(loaded, input.papers, (id) => docOf.has(id));
  const days = withoutSimilar(merged);
  const before = new Map<string, Paper>();
  for (const papers of loaded.values()) for (const p of papers) before.set(p.id, p);

  const added: Paper[] = [];
  const changed: { doc: number; before: Paper; after: Paper }[] = [];
  /** Docs whose date or title changed: every list naming them shows it. */
  const retargeted = new Set<number>();
  let kept = 0;
  for (const papers of days.values())
    for (const p of papers) {
      const doc = docOf.get(p.id);
      if (doc === undefined) {
        added.push(p);
        continue;
      }
      const old = before.get(p.id);
      if (!old) return { fallback: `${p.id} is in the state but not in the days read` };
      kept++;
      if (old.title !== p.title || old.abstract !== p.abstract)
        changed.push({ doc, before: old, after: p });
      if (old.title !== p.title || old.date !== p.date) retargeted.add(doc);
    }
  if (kept !== before.size) return { fallback: 'papers went missing in the merge' };
  const signed = similarity.signedSince + added.length + changed.length;
  if (signed > FULL_RECOMPUTE_GROWTH * similarity.baseCount)
    return {
      fallback: `${signed.toLocaleString('en-US')} papers signed since the last full computation over ${similarity.baseCount.toLocaleString('en-US')} papers`,
    };

  // From here on the state is changed in place.
  onProgress?.('similar papers', 0, 1);
  const firstNew = similarity.ids.length;
  const changedDocs = updateSimilarity(similarity, { added, changed });
  added.forEach((p, i) => docOf.set(p.id, firstNew + i));
  for (const papers of days.values())
    for (const p of papers) {
      const doc = docOf.get(p.id)!;
      state.titles[doc] = p.title;
      state.arxivIds[doc] = p.arxivId ?? '';
      state.titleHashes[doc] = titleHash(p.title);
    }
  const dirty = new Set<string>();
  const removedDays = [...loaded.keys()].filter((date) => !days.has(date));
  for (const date of removedDays) stateDays.delete(date);
  const fresh = new Map<string, IndexDay>();
  for (const [date, papers] of days) {
    const docs = papers.map((p) => docOf.get(p.id)!);
    const old = stateDays.get(date);
    if (!old || old.docs.length !== docs.length || old.docs.some((d, i) => d !== docs[i]))
      dirty.add(date);
    const day = indexDay(date, papers);
    fresh.set(date, day);
    stateDays.set(date, { date, fingerprint: day.fingerprint, docs });
  }
  state.days = [...stateDays.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const dates = dateOfDocs(state);
  for (const doc of changedDocs) dirty.add(dates[doc]!);
  if (retargeted.size) {
    const { neighbourDocs, k } = similarity;
    for (let at = 0; at < neighbourDocs.length; at++)
      if (retargeted.has(neighbourDocs[at]!)) dirty.add(dates[Math.floor(at / k)]!);
  }
  const changedSimilar = [...dirty].sort().map((date) => similarFileOf(state, date, dates));

  onProgress?.('index', 0, 1);
  const previousEntries = new Map(previousIndex.days.map((d) => [d.date, d]));
  const index = checkedIndex(
    indexOf(
      state.days.map(
        (day) =>
          fresh.get(day.date) ?? {
            ...previousEntries.get(day.date)!,
            fingerprint: day.fingerprint,
          },
      ),
      now,
      previousIndex,
    ),
  );
  state.version = index.version;
  const changedDays: DayFile[] = [];
  for (const [date, list] of days) {
    const file = dayFile(date, list);
    const old = loaded.get(date);
    if (!old || canonical(dayFile(date, old)) !== canonical(file))
      changedDays.push(checkedDay(file));
  }
  return {
    index,
    changed: changedDays,
    changedSimilar,
    removedDays,
    report,
    days,
    warnings: input.warnings,
    state,
    mode: 'incremental',
  };
}

/* The state on disk: a small binary format. "PBSTATE1", then the length of a JSON header (the
 * strings and small fields) and the header, then typed-array sections 8-byte aligned, padded to
 * 16 bytes, then a checksum of everything before it (and four bytes of padding). */

const MAGIC = 'PBSTATE1';
const STATE_FORMAT = 1;

interface Section {
  name: string;
  type: 'i32' | 'u32' | 'f32' | 'f64';
  length: number;
}

const ARRAYS = {
  i32: Int32Array,
  u32: Uint32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;

/**
 * A 32-bit hash of the bytes (a multiple of 16), for telling a damaged state file: FNV-1a over
 * 32-bit words in four lanes (any one changed word changes its lane), then the lanes combined.
 */
function checksum(bytes: Uint8Array): number {
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  let a = 0x811c9dc5 | 0;
  let b = 0x01000193 | 0;
  let c = 0x7f4a7c15 | 0;
  let d = 0x5bd1e995 | 0;
  for (let i = 0; i < words.length; i += 4) {
    a = Math.imul(a ^ words[i]!, 0x01000193);
    b = Math.imul(b ^ words[i + 1]!, 0x01000193);
    c = Math.imul(c ^ words[i + 2]!, 0x01000193);
    d = Math.imul(d ^ words[i + 3]!, 0x01000193);
  }
  return (Math.imul(Math.imul(Math.imul(a, 31) ^ b, 31) ^ c, 31) ^ d) >>> 0;
}

/** The state as bytes. */
export function encodeState(state: ArchiveState): Uint8Array {
  const { similarity: s } = state;
  const n = s.ids.length;
  const sigOffsets = new Int32Array(n + 1);
  s.signatures.forEach((sig, doc) => (sigOffsets[doc + 1] = sigOffsets[doc]! + sig.terms.length));
  const sigTerms = new Int32Array(sigOffsets[n]!);
  // Weights are stored as float32: half the bytes, and far finer than the three decimals shown.
  const sigWeights = new Float32Array(sigOffsets[n]!);
  s.signatures.forEach((sig, doc) => {
    sigTerms.set(sig.terms, sigOffsets[doc]);
    sigWeights.set(sig.weights, sigOffsets[doc]);
  });
  const arrays: [string, Int32Array | Uint32Array | Float32Array | Float64Array][] = [
    ['df', Int32Array.from(s.df)],
    ['sigOffsets', sigOffsets],
    ['sigTerms', sigTerms],
    ['sigWeights', sigWeights],
    ['neighbourDocs', s.neighbourDocs.subarray(0, n * s.k)],
    ['neighbourScores', s.neighbourScores.subarray(0, n * s.k)],
    ['titleHashes', Uint32Array.from(state.titleHashes)],
    ['dayDocs', Int32Array.from(state.days.flatMap((d) => d.docs))],
  ];
  const sections: Section[] = arrays.map(([name, a]) => ({
    name,
    type:
      a instanceof Float64Array
        ? 'f64'
        : a instanceof Float32Array
          ? 'f32'
          : a instanceof Uint32Array
            ? 'u32'
            : 'i32',
    length: a.length,
  }));
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: STATE_FORMAT,
      version: state.version,
      k: s.k,
      baseCount: s.baseCount,
      signedSince: s.signedSince,
      ids: s.ids,
      titles: state.titles,
      arxivIds: state.arxivIds,
      terms: s.terms,
      days: state.days.map((d) => ({
        date: d.date,
        fingerprint: d.fingerprint,
        count: d.docs.length,
      })),
      files: state.files,
      sections,
    }),
  );
  const pad8 = (x: number) => Math.ceil(x / 8) * 8;
  let size = pad8(12 + header.length);
  for (const [, a] of arrays) size += pad8(a.byteLength);
  size = Math.ceil(size / 16) * 16;
  const bytes = new Uint8Array(size + 8);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, header.length, true);
  bytes.set(header, 12);
  let at = pad8(12 + header.length);
  for (const [, a] of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += pad8(a.byteLength);
  }
  view.setUint32(size, checksum(bytes.subarray(0, size)), true);
  return bytes;
}

/** The state from bytes, or null when they are not a whole, consistent state. Never throws. */
export function decodeState(input: Uint8Array): ArchiveState | null {
  try {
    // Typed arrays need aligned offsets: a buffer that is not 8-aligned is copied.
    const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
    if (bytes.length < 24 || (bytes.length - 8) % 16 !== 0) return null;
    if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const size = bytes.length - 8;
    if (view.getUint32(size, true) !== checksum(bytes.subarray(0, size))) return null;
    const headerLength = view.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as {
      format: number;
      version: string;
      k: number;
      baseCount: number;
      signedSince: number;
      ids: string[];
      titles: string[];
      arxivIds: string[];
      terms: string[];
      days: { date: string; fingerprint: string; count: number }[];
      files: Record<string, unknown>;
      sections: Section[];
    };
    if (header.format !== STATE_FORMAT) return null;
    const pad8 = (x: number) => Math.ceil(x / 8) * 8;
    let at = pad8(12 + headerLength);
    const arrays = new Map<string, Int32Array | Uint32Array | Float32Array | Float64Array>();
    for (const { name, type, length } of header.sections) {
      const Type = ARRAYS[type];
      if (!Type || at + length * Type.BYTES_PER_ELEMENT > size) return null;
      arrays.set(name, new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, length));
      at += pad8(length * Type.BYTES_PER_ELEMENT);
    }
    const get = <T>(name: string, type: new (...args: never[]) => T): T => {
      const a = arrays.get(name);
      if (!(a instanceof type)) throw new Error(`no ${name}`);
      return a as T;
    };
    const df = get('df', Int32Array);
    const sigOffsets = get('sigOffsets', Int32Array);
    const sigTerms = get('sigTerms', Int32Array);
    const sigWeights = get('sigWeights', Float32Array);
    const neighbourDocs = get('neighbourDocs', Int32Array);
    const neighbourScores = get('neighbourScores', Float64Array);
    const titleHashes = get('titleHashes', Uint32Array);
    const dayDocs = get('dayDocs', Int32Array);
    const { ids, titles, arxivIds, terms, k } = header;
    const n = ids.length;
    const strings = (a: unknown, length: number) =>
      Array.isArray(a) && a.length === length && a.every((x) => typeof x === 'string');
    if (
      typeof header.version !== 'string' ||
      !Number.isInteger(k) ||
      k < 1 ||
      !strings(ids, n) ||
      !strings(titles, n) ||
      !strings(arxivIds, n) ||
      !strings(terms, df.length) ||
      sigOffsets.length !== n + 1 ||
      sigOffsets[0] !== 0 ||
      sigOffsets[n] !== sigTerms.length ||
      sigWeights.length !== sigTerms.length ||
      neighbourDocs.length !== n * k ||
      neighbourScores.length !== n * k ||
      titleHashes.length !== n ||
      dayDocs.length !== n ||
      !(header.baseCount >= 0) ||
      !(header.signedSince >= 0)
    )
      return null;
    for (const t of sigTerms) if (t < 0 || t >= df.length) return null;
    for (const d of neighbourDocs) if (d < -1 || d >= n) return null;
    for (let doc = 0; doc < n; doc++) if (sigOffsets[doc + 1]! < sigOffsets[doc]!) return null;
    const seen = new Uint8Array(n);
    for (const d of dayDocs) {
      if (d < 0 || d >= n || seen[d]) return null;
      seen[d] = 1;
    }
    let from = 0;
    const days: ArchiveState['days'] = [];
    for (const day of header.days) {
      if (!(day.count >= 0) || from + day.count > n) return null;
      days.push({
        date: day.date,
        fingerprint: day.fingerprint,
        docs: Array.from(dayDocs.subarray(from, (from += day.count))),
      });
    }
    if (from !== n) return null;
    for (let i = 1; i < days.length; i++) if (!(days[i - 1]!.date < days[i]!.date)) return null;
    const signatures: Signature[] = [];
    for (let doc = 0; doc < n; doc++)
      signatures.push({
        terms: sigTerms.subarray(sigOffsets[doc], sigOffsets[doc + 1]),
        weights: sigWeights.subarray(sigOffsets[doc], sigOffsets[doc + 1]),
      });
    return {
      version: header.version,
      similarity: {
        k,
        ids,
        terms,
        df: Array.from(df),
        signatures,
        neighbourDocs: neighbourDocs.slice(),
        neighbourScores: neighbourScores.slice(),
        baseCount: header.baseCount,
        signedSince: header.signedSince,
      },
      titles,
      arxivIds,
      titleHashes: Array.from(titleHashes),
      days,
      files: header.files && typeof header.files === 'object' ? header.files : {},
    };
  } catch {
    return null;
  }
}
