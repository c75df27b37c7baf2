/**
 * The page-text parser: turns the text of a daily-papers page, as a reader copies it out of the
 * browser, into title/abstract pairs with their dates, and renders pairs back to page text.
 * The other input formats live in ./formats; ./formats/detect chooses among them.
 *
 * Pure: takes a string, returns data or throws DigestError. No I/O.
 */
import { DigestError } from './errors';
import {
  type ParseOptions,
  type RawPaper,
  MAX_ABSTRACT_CHARS,
  MAX_TITLE_CHARS,
  checkDateOption,
  checkText,
  normalizeNewlines,
  preview,
  readDayLine,
} from './formats/raw';

export type { ParseOptions, RawPaper } from './formats/raw';
export { MAX_ABSTRACT_CHARS, MAX_TITLE_CHARS, normalizeNewlines } from './formats/raw';

const CHROME = new Set(
  [
    'new',
    'get trending papers in your email inbox!',
    'get trending papers in your email inbox once a day!',
    'subscribe',
    'daily papers',
    'byak and the research community',
    'by ak and the research community',
  ].map((s) => s.toLowerCase()),
);

interface Paragraph {
  text: string;
  line: number;
  lines: number;
}

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
  return p.lines === 1 ? readDayLine(p.text, p.line, options) : null;
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
  checkDateOption(options);
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
    date ??= options.date ?? options.fileDate ?? null;
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
