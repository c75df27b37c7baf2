/**
 * The digest parser: turns the text of a daily-papers page, as a reader copies it out of the
 * browser, into title/abstract pairs with their dates. Also reads JSON-lines exports (one
 * `{title, abstract, date, ...}` object a line) and renders pairs back to digest text.
 *
 * Pure: takes a string, returns data or throws DigestError. No I/O.
 */
import { DigestError } from './errors';
import { isArxivId } from './arxiv';
import { ISO_DATE, isIsoDate, isValidDate } from './iso-date';

/** One paper as it comes out of a digest, before cleaning and tagging. */
export interface RawPaper {
  title: string;
  abstract: string;
  date: string;
  /** 1-based line of the title in the input. */
  line: number;
  authors?: string[];
  arxivId?: string;
  upvotes?: number;
}

export interface ParseOptions {
  /** The date of the digest as YYYY-MM-DD; needed when the page has no date line. */
  date?: string;
  /** The year of a date line without one ("Sep 19"). */
  year?: number;
}

/** Abstracts longer than this are almost always two papers run together. */
export const MAX_ABSTRACT_CHARS = 10_000;
export const MAX_TITLE_CHARS = 300;

const CHROME = new Set(
  [
    'new',
    'get trending papers in your email inbox!',
    'subscribe',
    'daily papers',
    'byak and the research community',
    'by ak and the research community',
  ].map((s) => s.toLowerCase()),
);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE_LINE =
  /^(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? (\d{1,2})(?:,? (\d{4}))?$/i;

interface Paragraph {
  text: string;
  line: number;
  lines: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const lines = text.split('\n');
  let current: string[] = [];
  let start = 0;
  const flush = () => {
    if (current.length)
      paragraphs.push({ text: current.join(' '), line: start, lines: current.length });
    current = [];
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(/[\s\u00a0]+/g, ' ').trim();
    if (!line) return flush();
    if (!current.length) start = i + 1;
    current.push(line);
  });
  flush();
  return paragraphs;
}

/** A title is a short paragraph that does not read as a sentence. */
function looksLikeTitle(p: Paragraph): boolean {
  return (
    p.text.length <= MAX_TITLE_CHARS &&
    p.lines <= 3 &&
    !/[.;,]$/.test(p.text) &&
    p.text.split(' ').length <= 45
  );
}

function parseDateLine(p: Paragraph, options: ParseOptions): string | null {
  if (p.lines !== 1) return null;
  const iso = ISO_DATE.exec(p.text);
  if (iso) {
    if (!isIsoDate(p.text))
      throw new DigestError(`date "${p.text}" is not a real day; fix the date line`, p.line);
    return p.text;
  }
  const m = DATE_LINE.exec(p.text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1;
  const day = Number(m[2]);
  let year = m[3] ? Number(m[3]) : options.year;
  if (options.date) {
    const [y, mo, d] = options.date.split('-').map(Number);
    if (mo !== month || d !== day)
      throw new DigestError(
        `date line "${p.text}" does not match --date ${options.date}; drop --date or fix the date line`,
        p.line,
      );
    year = y;
  }
  if (year === undefined)
    throw new DigestError(
      `date "${p.text}" has no year; pass --year YYYY (or --date YYYY-${pad(month)}-${pad(day)})`,
      p.line,
    );
  if (!isValidDate(year, month, day))
    throw new DigestError(
      `date "${p.text}" is not a real day in ${year}; fix the date line or --year`,
      p.line,
    );
  return `${year}-${pad(month)}-${pad(day)}`;
}

function checkText(text: string): void {
  if (!text.trim())
    throw new DigestError('the file is empty; copy the daily-papers page text into it', 1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new DigestError(
      'this looks like a binary file (it has a NUL byte); give a text digest or a .jsonl(.gz) file',
      line,
    );
  }
}

/** Normalises line endings and strips a byte-order mark. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

/**
 * Parses the text of a daily-papers page: skips the page chrome, reads the date line(s)
 * (`Sep 19`; several date lines make several days), then pairs each title paragraph with the
 * abstract paragraph that follows it. Takes any line endings, extra blank lines and trailing
 * spaces, titles wrapped over several lines, and pages without the chrome.
 *
 * @throws DigestError naming the line: empty or binary input, no date line (and no `date`
 *   option), a date without a year (and no `year`/`date` option), a title with no abstract, an
 *   abstract over 10,000 characters, or no papers at all.
 */
export function parseDigest(input: string, options: ParseOptions = {}): RawPaper[] {
  const text = normalizeNewlines(input);
  checkText(text);
  if (options.date !== undefined && !isIsoDate(options.date))
    throw new DigestError(`--date "${options.date}" is not a date; use YYYY-MM-DD`);
  const paragraphs = splitParagraphs(text).filter((p) => !CHROME.has(p.text.toLowerCase()));
  const papers: RawPaper[] = [];
  let date: string | null = null;
  for (let i = 0; i < paragraphs.length; i++) {
    const para = paragraphs[i]!;
    const dateLine = parseDateLine(para, options);
    if (dateLine) {
      date = dateLine;
      continue;
    }
    if (!looksLikeTitle(para)) {
      const what =
        para.text.length > MAX_TITLE_CHARS
          ? `a paragraph of ${para.text.length.toLocaleString('en-US')} characters`
          : `"${preview(para.text)}"`;
      throw new DigestError(
        `expected a paper title but found ${what}; is the title before this abstract missing, or a blank line missing inside a paper?`,
        para.line,
      );
    }
    const next = paragraphs[i + 1];
    const after = paragraphs[i + 2];
    const nextIsDate = next ? parseDateLine(next, options) !== null : false;
    // A title followed by another title that has its own abstract is a title with no abstract.
    const nextIsTitleOfNextPaper = next && looksLikeTitle(next) && after && !looksLikeTitle(after);
    if (!next || nextIsDate || nextIsTitleOfNextPaper)
      throw new DigestError(
        `title "${preview(para.text)}" has no abstract; add its abstract after a blank line, or remove the title`,
        para.line,
      );
    if (next.text.length > MAX_ABSTRACT_CHARS)
      throw new DigestError(
        `the abstract of "${preview(para.text)}" is ${next.text.length.toLocaleString('en-US')} characters, over the ${MAX_ABSTRACT_CHARS.toLocaleString('en-US')} limit; is a blank line missing between two papers?`,
        next.line,
      );
    date ??= options.date ?? null;
    if (!date)
      throw new DigestError(
        'no date line (like "Sep 19") before the first paper; add one above it or pass --date YYYY-MM-DD',
        para.line,
      );
    papers.push({ title: para.text, abstract: next.text, date, line: para.line });
    i++;
  }
  if (!papers.length)
    throw new DigestError(
      'no papers found: a digest is a date line, then each paper as a title paragraph followed by an abstract paragraph',
    );
  return papers;
}

function preview(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Parses JSON lines: one object a line with `title`, `abstract` and `date` (YYYY-MM-DD), and
 * optionally `authors`, `id` (kept as `arxivId` when it is an arXiv identifier) and `upvotes`.
 * Blank lines are skipped.
 * `options.date` fills in a missing date.
 */
export function parseJsonLines(input: string, options: ParseOptions = {}): RawPaper[] {
  const text = normalizeNewlines(input);
  checkText(text);
  const papers: RawPaper[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new DigestError(
        'not valid JSON; each line of a .jsonl file must be one JSON object',
        line,
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new DigestError('expected a JSON object with title, abstract and date', line);
    const record = value as Record<string, unknown>;
    const title = typeof record.title === 'string' ? record.title.replace(/\s+/g, ' ').trim() : '';
    const abstract =
      typeof record.abstract === 'string' ? record.abstract.replace(/\s+/g, ' ').trim() : '';
    const date = typeof record.date === 'string' ? record.date.slice(0, 10) : options.date;
    if (!title) throw new DigestError('the object has no "title" string', line);
    if (!abstract) throw new DigestError(`"${preview(title)}" has no "abstract" string`, line);
    if (abstract.length > MAX_ABSTRACT_CHARS)
      throw new DigestError(
        `the abstract of "${preview(title)}" is ${abstract.length.toLocaleString('en-US')} characters, over the ${MAX_ABSTRACT_CHARS.toLocaleString('en-US')} limit`,
        line,
      );
    if (!date || !isIsoDate(date))
      throw new DigestError(
        `"${preview(title)}" has no "date" as YYYY-MM-DD; add one or pass --date`,
        line,
      );
    const paper: RawPaper = { title, abstract, date, line };
    if (isStringArray(record.authors)) paper.authors = record.authors;
    else if (Array.isArray(record.authors))
      paper.authors = record.authors.flatMap((a) =>
        typeof a === 'object' && a && typeof (a as { name?: unknown }).name === 'string'
          ? [(a as { name: string }).name]
          : [],
      );
    if (typeof record.id === 'string' && isArxivId(record.id.trim()))
      paper.arxivId = record.id.trim();
    if (typeof record.upvotes === 'number' && Number.isFinite(record.upvotes))
      paper.upvotes = record.upvotes;
    papers.push(paper);
  }
  if (!papers.length) throw new DigestError('no papers found: the file has no JSON lines');
  return papers;
}

/** True when the text is JSON lines rather than a page digest (its first character is `{`). */
export function isJsonLines(text: string): boolean {
  return normalizeNewlines(text).trimStart().startsWith('{');
}

/** Parses either format, chosen by content. */
export function parseInput(text: string, options: ParseOptions = {}): RawPaper[] {
  return isJsonLines(text) ? parseJsonLines(text, options) : parseDigest(text, options);
}

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/**
 * Renders papers back to page text: the chrome, then for each date a `Mon D` line and its
 * title/abstract paragraphs. `parseDigest(renderDigest(x), { year })` gives the pairs back.
 */
export function renderDigest(
  papers: ReadonlyArray<Pick<RawPaper, 'title' | 'abstract' | 'date'>>,
  withChrome = true,
): string {
  const out: string[] = withChrome
    ? [
        'new',
        'Get trending papers in your email inbox!',
        'Subscribe',
        'Daily Papers',
        'byAK and the research community',
      ]
    : [];
  let date = '';
  for (const paper of papers) {
    if (paper.date !== date) {
      date = paper.date;
      const [, m, d] = date.split('-').map(Number);
      out.push(`${MONTH_NAMES[(m ?? 1) - 1]} ${d}`);
    }
    out.push(paper.title, paper.abstract);
  }
  return `${out.join('\n\n')}\n`;
}
