/**
 * Chooses the parser by what the input is, not by its file name: XML by its root element (RSS,
 * Atom, OAI-PMH), JSON by its first character, and text by the marks each page leaves.
 */
import { parseDigest } from '../digest';
import { DigestError } from '../errors';
import { parseArxivAtom } from './arxiv-atom';
import { isArxivList, parseArxivList } from './arxiv-list';
import { parseArxivRss } from './arxiv-rss';
import { isHfPage, parseHfPage } from './hf-page';
import { parseJsonDocument, parseJsonLines } from './json-records';
import { parseOaiPmh } from './oai-pmh';
import {
  type FormatId,
  type ParseOptions,
  type Parsed,
  checkText,
  inFormat,
  normalizeNewlines,
  plural,
} from './raw';
import { xmlRoot } from './xml';

/** The format of an input, from its content. Unknown XML is refused here. */
export function detectFormat(input: string): FormatId | 'json' {
  const text = normalizeNewlines(input).trimStart();
  if (text.startsWith('<')) {
    const root = xmlRoot(text);
    if (root === 'rss') return 'arxiv-rss';
    if (root === 'feed') return 'arxiv-atom';
    if (root === 'OAI-PMH') return 'arxiv-oai';
    throw new DigestError(
      `this is XML with a <${root ?? '?'}> root, which is none of the feeds Paperboy reads (arXiv RSS <rss>, arXiv API Atom <feed>, OAI-PMH <OAI-PMH>); if it is a web page, copy its text instead`,
      1,
    );
  }
  // A JSON array opens with `[{` or `[]`; a captured page may open with a `[[logo]…` link.
  if (/^\[\s*[{\]]/.test(text)) return 'json';
  if (text.startsWith('{')) return 'json-lines';
  if (isHfPage(text)) return 'hf-page';
  if (isArxivList(text)) return 'arxiv-list';
  return 'page-text';
}

const pageText = (text: string, options: ParseOptions): Parsed => {
  const papers = parseDigest(text, options);
  const days = new Set(papers.map((p) => p.date)).size;
  return {
    format: 'page-text',
    papers,
    details: [plural(papers.length, 'paper'), ...(days > 1 ? [`over ${plural(days, 'day')}`] : [])],
  };
};

const PARSERS: Record<FormatId | 'json', (text: string, options: ParseOptions) => Parsed> = {
  json: parseJsonDocument,
  'json-lines': parseJsonLines,
  'hf-api': parseJsonDocument,
  'arxiv-rss': parseArxivRss,
  'arxiv-atom': parseArxivAtom,
  'arxiv-oai': parseOaiPmh,
  'hf-page': parseHfPage,
  'arxiv-list': parseArxivList,
  'page-text': pageText,
};

/**
 * Parses any input Paperboy reads, chosen by content. Every refusal names the format the input
 * was read as. A feed with no items (arXiv on a weekend) gives no papers rather than an error.
 */
export function parseInput(text: string, options: ParseOptions = {}): Parsed {
  checkText(text);
  const format = detectFormat(text);
  try {
    return PARSERS[format](text, options);
  } catch (error) {
    throw inFormat(format === 'json' ? 'json-lines' : format, error);
  }
}
