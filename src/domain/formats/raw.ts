/**
 * What every input format parses into: raw paper records, before cleaning and tagging, and a
 * few small helpers the format parsers share (dates, whitespace, arXiv ids, line numbers).
 *
 * Pure: no I/O. Every parser takes a string and returns data or throws DigestError.
 */
import { isArxivId } from '../arxiv';
import { DigestError } from '../errors';
import { isIsoDate, isValidDate } from '../iso-date';
import type { Link } from '../schema';

/** One paper as it comes out of an input, before cleaning and tagging. */
export interface RawPaper {
  title: string;
  abstract: string;
  /** The feed day the paper belongs to, YYYY-MM-DD. */
  date: string;
  /** 1-based line of the paper in the input (of its title, or of its record). */
  line: number;
  authors?: string[];
  /** Version-free arXiv identifier (2401.01234, hep-th/9901001). */
  arxivId?: string;
  upvotes?: number;
  /** Number of comments on the Hugging Face discussion. */
  comments?: number;
  /** arXiv categories, primary first (cs.LG, stat.ML). */
  categories?: string[];
  /** Links the source states outright (a code repository, a project page). */
  links?: Link[];
  /** Free text the source attaches (arXiv comments); its URLs become links. */
  note?: string;
}

export interface ParseOptions {
  /** The feed day as YYYY-MM-DD; needed when the input has no date of its own. */
  date?: string;
  /** The year of a date line without one ("Sep 19"). */
  year?: number;
  /** A YYYY-MM-DD found in the input's file name: the fallback date, and the year of "Jun 29". */
  fileDate?: string;
  /** arXiv RSS: also take papers announced as replacements (new versions of older papers). */
  includeReplacements?: boolean;
}

/** The formats Paperboy reads, as detected from the content. */
export const FORMATS = {
  'page-text': 'daily-papers page text',
  'hf-api': 'Hugging Face daily-papers API',
  'hf-page': 'Hugging Face papers page',
  'arxiv-rss': 'arXiv RSS',
  'arxiv-atom': 'arXiv API Atom',
  'arxiv-oai': 'arXiv OAI-PMH',
  'arxiv-list': 'arXiv listing page',
  'json-lines': 'JSON lines',
} as const;
export type FormatId = keyof typeof FORMATS;

/** A parsed input: the papers, and what was read, for the ingest summary. */
export interface Parsed {
  format: FormatId;
  papers: RawPaper[];
  /** Counts worth saying, e.g. ["50 new", "10 cross-lists", "22 replacements skipped"]. */
  details: string[];
}

/** Abstracts longer than this are almost always two papers run together. */
export const MAX_ABSTRACT_CHARS = 10_000;
export const MAX_TITLE_CHARS = 300;

/** The error a format parser throws: it names the format it recognised, the line and the fix. */
export function formatError(format: FormatId, message: string, line?: number): DigestError {
  return new DigestError(message, line, FORMATS[format]);
}

/** The same error, now naming the format it was read as (for parsers that did not say). */
export function inFormat(format: FormatId, error: unknown): unknown {
  return error instanceof DigestError && !error.format
    ? new DigestError(error.reason, error.line, FORMATS[format])
    : error;
}

/**
 * Joins hard-wrapped text: runs of whitespace become one space, and a word broken after its
 * hyphen at a line end ("state-of-the-\nart") is joined without one.
 */
export const collapse = (text: string) =>
  text
    .replace(/(\w-)[ \t]*\n\s*(?=\w)/g, '$1')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

/** Normalises line endings and strips a byte-order mark. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

export function preview(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The 1-based line on which `index` falls in `text`. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Line numbers of each occurrence of `needle` in `text`, in order (for XML elements). */
export function linesOf(text: string, needle: RegExp): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const match of text.matchAll(needle)) {
    for (let i = text.indexOf('\n', from); i >= 0 && i < match.index; i = text.indexOf('\n', i + 1))
      line++;
    from = match.index;
    lines.push(line);
  }
  return lines;
}

/**
 * The arXiv id in an id or URL, without its version: `2401.01234v2`, `arXiv:2401.01234`,
 * `http://arxiv.org/abs/2401.01234v1`, `oai:arXiv.org:hep-th/9901001` all give the bare id.
 */
export function arxivIdFrom(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const m =
    /(?:^|arxiv\.org\/(?:abs|pdf)\/|^arxiv:|^oai:arxiv\.org:)((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))(?:v\d+)?(?:\.pdf)?\/?$/i.exec(
      text,
    );
  if (!m) return undefined;
  const id = m[1]!;
  return isArxivId(id) ? id : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Month number (1–12) of an English month name or abbreviation, or 0. */
export function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** YYYY-MM-DD for a year, month and day, or null when that day does not exist. */
export function isoDay(year: number, month: number, day: number): string | null {
  return isValidDate(year, month, day)
    ? `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`
    : null;
}

/**
 * The calendar day a timestamp names, in its own time zone: `2026-06-12T00:00:00.000Z`,
 * `2026-06-12`, and RFC 822 dates (`Mon, 28 Apr 2025 00:00:00 -0400`) as the day written.
 */
export function dayOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  // A day, or a timestamp (2026-06-12T00:00:00Z, 2026-06-12 08:30); other text after it is refused.
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|T\d|\s+\d{1,2}:\d{2})/.exec(text);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? undefined;
  const rfc = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})\b/.exec(text);
  if (rfc) {
    const month = monthNumber(rfc[2]!);
    if (month) return isoDay(Number(rfc[3]), month, Number(rfc[1])) ?? undefined;
  }
  return undefined;
}

/** A day line: "Sep 19", "June 29, 2026", "Mar 8, 2024". */
export const DATE_LINE =
  /^(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? (\d{1,2})(?:,? (\d{4}))?$/i;

/**
 * The day a day line names, or null when the line is not one. A line without a year takes it
 * from --date (which must then agree), --year, or the date in the file name, in that order.
 * @throws DigestError naming the line when the day does not exist or no year can be found.
 */
export function readDayLine(text: string, line: number, options: ParseOptions): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (!isIsoDate(text))
      throw new DigestError(`date "${text}" is not a real day; fix the date line`, line);
    return text;
  }
  const m = DATE_LINE.exec(text);
  if (!m) return null;
  const month = monthNumber(m[1]!);
  const day = Number(m[2]);
  let year = m[3] ? Number(m[3]) : options.year;
  if (options.date) {
    const [y, mo, d] = options.date.split('-').map(Number);
    if (mo !== month || d !== day)
      throw new DigestError(
        `date line "${text}" does not match --date ${options.date}; drop --date or fix the date line`,
        line,
      );
    year = y;
  }
  year ??= options.fileDate ? Number(options.fileDate.slice(0, 4)) : undefined;
  if (year === undefined)
    throw new DigestError(
      `date "${text}" has no year; pass --year YYYY (or --date YYYY-${pad(month)}-${pad(day)})`,
      line,
    );
  const iso = isoDay(year, month, day);
  if (!iso)
    throw new DigestError(
      `date "${text}" is not a real day in ${year}; fix the date line or --year`,
      line,
    );
  return iso;
}

/** Checks an ISO date option, naming the flag. */
export function checkDateOption(options: ParseOptions): void {
  if (options.date !== undefined && !isIsoDate(options.date))
    throw new DigestError(`--date "${options.date}" is not a date; use YYYY-MM-DD`);
}

/** Refuses empty and binary input with the line. */
export function checkText(text: string): void {
  if (!text.trim())
    throw new DigestError('the file is empty; copy the daily-papers page text into it', 1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0)
    throw new DigestError(
      'this looks like a binary file (it has a NUL byte); give a text digest or a .jsonl(.gz) file',
      lineAt(text, nul),
    );
}

/** A non-negative integer count, or undefined for anything else. */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Splits an author list written as text: "A, B and C", "A and B", "A; B". Parenthesised
 * affiliations ("Robert Brandenberger (McGill)") are dropped.
 */
export function splitAuthors(text: string): string[] {
  let plain = text;
  // Drop (affiliations), innermost first, so nested parentheses go too.
  for (let before = ''; before !== plain;) {
    before = plain;
    plain = plain.replace(/\s*\([^()]*\)/g, '');
  }
  return collapse(plain)
    .split(/\s*(?:;|,\s*(?:and\s+)?|\s+and\s+)\s*/)
    .map((a) => a.trim())
    .filter((a) => a && !/^(?:et al\.?|others)$/i.test(a));
}

/**
 * Merges records of the same paper inside one input (arXiv id first, then title): the first
 * keeps its place, later ones fill in what it lacks. Returns the papers and how many merged.
 */
export function mergeDuplicates(papers: readonly RawPaper[]): {
  papers: RawPaper[];
  merged: number;
} {
  const out: RawPaper[] = [];
  const byKey = new Map<string, RawPaper>();
  let merged = 0;
  for (const paper of papers) {
    const arxivKey = paper.arxivId && `arxiv:${paper.arxivId}`;
    const titleKey = `title:${collapse(paper.title).toLowerCase()}`;
    const sameTitle = byKey.get(titleKey);
    // Two records with different arXiv ids are two papers, whatever their titles ("Erratum").
    const first =
      (arxivKey && byKey.get(arxivKey)) ||
      (sameTitle && !(sameTitle.arxivId && paper.arxivId) ? sameTitle : undefined);
    if (!first) {
      const copy = { ...paper };
      out.push(copy);
      if (arxivKey) byKey.set(arxivKey, copy);
      if (!sameTitle) byKey.set(titleKey, copy);
      continue;
    }
    merged++;
    fillIn(first, paper);
    if (first.arxivId) byKey.set(`arxiv:${first.arxivId}`, first);
  }
  return { papers: out, merged };
}

/** Copies into `target` what `source` has and it lacks; lists (categories, links) are joined. */
export function fillIn(target: RawPaper, source: RawPaper): void {
  target.authors ??= source.authors;
  target.arxivId ??= source.arxivId;
  target.upvotes ??= source.upvotes;
  target.comments ??= source.comments;
  target.note ??= source.note;
  if (source.date < target.date) target.date = source.date;
  if (source.categories)
    target.categories = [...new Set([...(target.categories ?? []), ...source.categories])];
  if (source.links) {
    const seen = new Set((target.links ?? []).map((l) => l.url));
    target.links = [...(target.links ?? []), ...source.links.filter((l) => !seen.has(l.url))];
  }
}

/** "3 papers", "1 paper": counts with thousands separators. */
export const plural = (n: number, word: string, many = `${word}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
