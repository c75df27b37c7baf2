/**
 * A Hugging Face papers page as a capture tool saves it (2025–26, markdown-ish text): site
 * navigation, the day line ("Jun 29"), then per paper an upvote box (`[`, `65` or `-`, `][n]`),
 * `### [Title][n]`, the abstract in `[ … ][n]`, `* N authors`, `·` and the paper's own published
 * date ("May 30", "Mar 8, 2024 [ 6][39]" with a comment count), which is not a day line.
 */
import {
  type ParseOptions,
  type Parsed,
  type RawPaper,
  MAX_ABSTRACT_CHARS,
  checkDateOption,
  checkText,
  collapse,
  formatError,
  mergeDuplicates,
  normalizeNewlines,
  plural,
  preview,
  readDayLine,
} from './raw';

/** `### [Title][12]`, `### [Title](https://…)` or `### Title`. */
const TITLE = /^#{2,4}\s*(?:\[(.+)\](?:\[\d+\]|\([^)]*\))|([^[].*))\s*$/;
const LINK_END = /^\](?:\[\d+\]|\([^)]*\))\s*$/;
const NUMBER = /^(\d[\d,]*|-)$/;
const AUTHORS = /^\*?\s*(\d[\d,]*)\s+authors?$/i;
const PUBLISHED = /^([A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)(?:\s*\[\s*(\d+)\s*\]\[\d+\])?$/;

/** True when the text looks like a captured Hugging Face papers page. */
export function isHfPage(text: string): boolean {
  return /^#{2,4}\s*\[.+\]\[\d+\]\s*$/m.test(text) && /^\*?\s*\d+ authors?$/m.test(text);
}

const unescapeMarkdown = (s: string) => s.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');

export function parseHfPage(input: string, options: ParseOptions = {}): Parsed {
  const text = normalizeNewlines(input);
  checkText(text);
  checkDateOption(options);
  const lines = text.split('\n').map((l) => l.trim());
  const titles = lines
    .flatMap((l, i) => (TITLE.test(l) && !/^#{1,2}\s*daily papers/i.test(l) ? [i] : []))
    .filter((i) => !/^##\s*by/i.test(lines[i]!));
  if (!titles.length)
    throw formatError('hf-page', 'no "### [Title]" lines: is this the papers list of the page?');
  // The day line is the last date line above the first paper; dates below it are each paper's own.
  let date: string | null = null;
  for (let i = 0; i < titles[0]!; i++) {
    const day = readDayLine(lines[i]!, i + 1, options);
    if (day) date = day;
  }
  date ??= options.date ?? options.fileDate ?? null;
  if (!date)
    throw formatError(
      'hf-page',
      'no day line (like "Jun 29") above the first paper, and no date in the file name; pass --date YYYY-MM-DD',
      titles[0]! + 1,
    );
  const papers: RawPaper[] = [];
  let upvoteFrom = 0;
  titles.forEach((at, k) => {
    const end = titles[k + 1] ?? lines.length;
    const m = TITLE.exec(lines[at]!)!;
    const title = collapse(unescapeMarkdown(m[1] ?? m[2] ?? ''));
    // The abstract: the lines after the title, inside `[ … ][n]` or up to a blank line.
    let i = at + 1;
    while (i < end && !lines[i]) i++;
    const bracketed = lines[i] === '[';
    if (bracketed) i++;
    const body: string[] = [];
    for (; i < end; i++) {
      const line = lines[i]!;
      if (bracketed ? LINK_END.test(line) : !line && body.length) break;
      body.push(line);
    }
    const abstract = collapse(unescapeMarkdown(body.join('\n')));
    if (!abstract)
      throw formatError(
        'hf-page',
        `"${preview(title)}" has no abstract after its title; was the page captured whole?`,
        at + 1,
      );
    if (abstract.length > MAX_ABSTRACT_CHARS)
      throw formatError(
        'hf-page',
        `the abstract of "${preview(title)}" is ${abstract.length.toLocaleString('en-US')} characters; is a "### [Title]" line missing?`,
        at + 1,
      );
    const paper: RawPaper = { title, abstract, date: date!, line: at + 1 };
    // The upvote box stands just above the title, after the previous paper's published date.
    for (let j = at - 1; j >= upvoteFrom; j--) {
      const vote = NUMBER.exec(lines[j]!);
      if (vote) {
        paper.upvotes = vote[1] === '-' ? 0 : Number(vote[1]!.replace(/,/g, ''));
        break;
      }
    }
    for (let j = i; j < end; j++) {
      const published = lines[j - 1] === '·' ? PUBLISHED.exec(lines[j]!) : null;
      if (published) {
        if (published[2]) paper.comments = Number(published[2]);
        upvoteFrom = j + 1;
        break;
      }
      if (AUTHORS.test(lines[j]!)) upvoteFrom = j + 1;
    }
    papers.push(paper);
  });
  const { papers: merged, merged: duplicates } = mergeDuplicates(papers);
  const details = [plural(merged.length, 'paper'), `day ${date}`];
  if (duplicates) details.push(`${plural(duplicates, 'duplicate')} merged`);
  return { format: 'hf-page', papers: merged, details };
}
