/**
 * An arXiv `/list/<category>/new` page as copied out of a browser: the header ("Showing new
 * listings for Friday, 5 December 2025"), then sections of entries, each
 * `[1] arXiv:2512.04392 [pdf, html, other]`, `Title: …`, the authors line, optional
 * `Comments:`/`Journal-ref:`/`Subjects:` lines, and the abstract paragraph. Replacements (which
 * carry no abstract on the page) are skipped unless asked for.
 */
import {
  type ParseOptions,
  type Parsed,
  type RawPaper,
  arxivIdFrom,
  checkDateOption,
  checkText,
  collapse,
  formatError,
  isoDay,
  mergeDuplicates,
  monthNumber,
  normalizeNewlines,
  plural,
  preview,
  splitAuthors,
} from './raw';

const ENTRY = /^\[(\d+)\]\s+arXiv:(\S+)/;
const HEADER_DATE =
  /(?:listings|submissions) for (?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2,4})/i;
const SECTION =
  /^(New submissions|Cross submissions|Cross-lists|Replacement submissions|Replacements)\b/i;
const FIELD = /^(Comments|Journal-ref|Subjects|MSC-class|ACM-class|DOI|Report-no):\s*(.*)$/i;

/** True when the text looks like a copied arXiv listing page. */
export function isArxivList(text: string): boolean {
  return /^Showing new listings for /m.test(text) || /^\[\d+\]\s+arXiv:\d{4}\.\d{4,5}/m.test(text);
}

type Section = 'new' | 'cross' | 'replace';

export function parseArxivList(input: string, options: ParseOptions = {}): Parsed {
  const text = normalizeNewlines(input);
  checkText(text);
  checkDateOption(options);
  const lines = text.split('\n').map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim());
  const header = HEADER_DATE.exec(text);
  let date = options.date ?? options.fileDate;
  if (header) {
    const year = Number(header[3]!.length === 2 ? `20${header[3]}` : header[3]);
    const day = isoDay(year, monthNumber(header[2]!), Number(header[1]));
    if (day) date = day;
  }
  if (!date)
    throw formatError(
      'arxiv-list',
      'no "Showing new listings for <day>" line and no date in the file name; pass --date YYYY-MM-DD',
    );
  const counts: Record<Section, number> = { new: 0, cross: 0, replace: 0 };
  const papers: RawPaper[] = [];
  let section: Section = 'new';
  for (let i = 0; i < lines.length; i++) {
    const heading = SECTION.exec(lines[i]!);
    if (heading) {
      const name = heading[1]!.toLowerCase();
      section = name.startsWith('cross') ? 'cross' : name.startsWith('repl') ? 'replace' : 'new';
      continue;
    }
    const entry = ENTRY.exec(lines[i]!);
    if (!entry) continue;
    const line = i + 1;
    counts[section]++;
    const arxivId = arxivIdFrom(entry[2]);
    let j = i + 1;
    let title = '';
    if (/^Title:/i.test(lines[j] ?? '')) title = collapse(lines[j++]!.replace(/^Title:\s*/i, ''));
    let authors: string[] = [];
    const categories: string[] = [];
    let note: string | undefined;
    for (; j < lines.length && lines[j]; j++) {
      const field = FIELD.exec(lines[j]!);
      if (field) {
        const [, name, value] = field;
        if (/subjects/i.test(name!))
          for (const m of value!.matchAll(/\(([a-z-]+(?:\.[A-Za-z-]+)?)\)/g))
            categories.push(m[1]!);
        if (/comments/i.test(name!)) note = value;
      } else if (!authors.length) authors = splitAuthors(lines[j]!.replace(/^Authors?:\s*/i, ''));
    }
    while (j < lines.length && !lines[j]) j++;
    const body: string[] = [];
    for (; j < lines.length && lines[j] && !ENTRY.test(lines[j]!) && !SECTION.test(lines[j]!); j++)
      body.push(lines[j]!);
    if (section === 'replace' && !options.includeReplacements) continue;
    const where = `entry [${entry[1]}]${arxivId ? ` (arXiv ${arxivId})` : ''}`;
    if (!title) throw formatError('arxiv-list', `${where} has no "Title:" line after it`, line);
    const abstract = collapse(body.join(' '));
    if (!abstract)
      throw formatError(
        'arxiv-list',
        `${where} ("${preview(title)}") has no abstract; copy the page with abstracts shown`,
        line,
      );
    const paper: RawPaper = { title, abstract, date, line };
    if (arxivId) paper.arxivId = arxivId;
    if (authors.length) paper.authors = authors;
    if (categories.length) paper.categories = categories;
    if (note) paper.note = note;
    papers.push(paper);
  }
  if (!counts.new && !counts.cross && !counts.replace)
    throw formatError('arxiv-list', 'no "[1] arXiv:…" entries found; was the listing copied?');
  const { papers: merged, merged: duplicates } = mergeDuplicates(papers);
  const details = [
    `${counts.new.toLocaleString('en-US')} new`,
    counts.cross && plural(counts.cross, 'cross-list'),
    counts.replace &&
      `${plural(counts.replace, 'replacement')}${options.includeReplacements ? '' : ' skipped'}`,
    duplicates && `${plural(duplicates, 'duplicate')} merged`,
  ].filter((d): d is string => !!d);
  return { format: 'arxiv-list', papers: merged, details };
}
