/**
 * arXiv API Atom (export.arxiv.org/api/query): one `<entry>` a paper, with its versioned abs URL
 * as `<id>`, `<published>` (the day version 1 was submitted), `<author><name>`, `<category>` terms
 * and `<arxiv:primary_category>`, and the author's `<arxiv:comment>` (where project pages live).
 *
 * Not read: `<link>` (the abs and PDF URLs follow from the id), `<updated>`, journal refs and
 * DOIs. The API reports a bad query as a feed with one entry titled "Error"; that is refused. A
 * query that matched nothing is an empty result, not an error: the caller decides what to do.
 */
import { DigestError } from '../errors';
import {
  type FormatId,
  type ParseOptions,
  type Parsed,
  type RawPaper,
  MAX_ABSTRACT_CHARS,
  arxivIdFrom,
  checkDateOption,
  collapse,
  dayOf,
  formatError,
  linesOf,
  mergeDuplicates,
  plural,
  preview,
} from './raw';
import { type XmlNode, type XmlValue, attr, list, parseXml, text, xmlRoot } from './xml';

/**
 * Parses an arXiv API Atom response into raw papers, in feed order.
 * @throws DigestError naming the entry, its arXiv id and line when an entry lacks a title,
 *   summary or date, when the response is the API's error entry, or when it is not Atom at all.
 */
export function parseArxivAtom(input: string, options: ParseOptions = {}): Parsed {
  const format = 'arxiv-atom';
  checkDateOption(options);
  const root = readFeedXml(format, input, 'feed', 'this arXiv API response');
  const feed = node(root.feed);
  const entries = list(feed, 'entry');
  const lines = linesOf(input, /<(?:[\w.-]+:)?entry[\s>]/g);
  const total = count(firstText(feed, 'totalResults'));
  const start = count(firstText(feed, 'startIndex')) ?? 0;

  const papers: RawPaper[] = [];
  entries.forEach((value, i) => {
    const entry = node(value);
    const line = lines[i] ?? 1;
    const id = collapse(firstText(entry, 'id'));
    const title = collapse(firstText(entry, 'title'));
    const abstract = collapse(firstText(entry, 'summary'));
    if (/\/api\/errors/.test(id) || (title === 'Error' && !arxivIdFrom(id)))
      throw formatError(
        format,
        `the arXiv API answered with an error: "${preview(abstract || id, 200)}"; fix the query (search_query, id_list, start, max_results) and fetch again`,
        line,
      );
    const arxivId = arxivIdFrom(id);
    const where = `entry ${i + 1}${arxivId ? ` (arXiv id ${arxivId})` : ''}`;
    if (!title)
      throw formatError(format, `${where} has no <title>; is the response cut short?`, line);
    if (!abstract)
      throw formatError(
        format,
        `${where} ("${preview(title)}") has no <summary>; is the response cut short?`,
        line,
      );
    if (abstract.length > MAX_ABSTRACT_CHARS)
      throw formatError(
        format,
        `the <summary> of ${where} is ${abstract.length.toLocaleString('en-US')} characters, over the ${MAX_ABSTRACT_CHARS.toLocaleString('en-US')} limit; is it two papers run together?`,
        line,
      );
    const published = firstText(entry, 'published');
    const date = dayOf(published) ?? options.date;
    if (!date)
      throw formatError(
        format,
        published.trim()
          ? `${where} has the <published> date "${preview(collapse(published), 30)}", which is not a day; fix it or pass --date YYYY-MM-DD`
          : `${where} has no <published> date; pass --date YYYY-MM-DD`,
        line,
      );

    const paper: RawPaper = { title, abstract, date, line };
    if (arxivId) paper.arxivId = arxivId;
    const authors = list(entry, 'author')
      .map((a) => collapse(firstText(node(a), 'name')))
      .filter((a) => /\p{L}/u.test(a));
    if (authors.length) paper.authors = authors;
    const categories = [
      attr(list(entry, 'primary_category')[0], 'term'),
      ...list(entry, 'category').map((c) => attr(c, 'term')),
    ]
      .map(collapse)
      .filter(Boolean);
    if (categories.length) paper.categories = [...new Set(categories)];
    const note = collapse(firstText(entry, 'comment'));
    if (note) paper.note = note;
    papers.push(paper);
  });

  const { papers: merged, merged: duplicates } = mergeDuplicates(papers);
  const details = [plural(entries.length, 'entry', 'entries')];
  const next = start + entries.length;
  if (!entries.length)
    details[0] +=
      total === undefined || total === 0
        ? ' (the query matched nothing)'
        : ` (start=${start} is past the last of ${plural(total, 'result')})`;
  else if (total !== undefined && total > next)
    details.push(`of ${plural(total, 'result')} (fetch the next page with start=${next})`);
  if (duplicates) details.push(`${plural(duplicates, 'duplicate')} merged`);
  return { format, papers: merged, details };
}

/**
 * Parses feed XML and checks its root element; every refusal is a DigestError that names the
 * format (parseXml's do not).
 */
export function readFeedXml(format: FormatId, input: string, rootName: string, what: string) {
  if (!input.trim()) throw formatError(format, `${what} is empty; is the download complete?`);
  const found = xmlRoot(input);
  if (found !== rootName)
    throw formatError(
      format,
      found
        ? `${what} has the root element <${found}>, not <${rootName}>; is it the right file?`
        : `${what} is not XML (it does not start with an element); is the download complete?`,
      1,
    );
  try {
    return parseXml(input, what);
  } catch (error) {
    if (error instanceof DigestError)
      throw formatError(format, error.message.replace(/^line \d+: /, ''), error.line);
    throw error;
  }
}

/** The element value as a node, or an empty node for text, lists and absent elements. */
export const node = (value: XmlValue | undefined): XmlNode =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};

/** The text of the first `name` child (a repeated element is not run together), or ''. */
export const firstText = (parent: XmlNode, name: string): string => text(list(parent, name)[0]);

/** A non-negative integer written as digits, or undefined. */
function count(value: string): number | undefined {
  const trimmed = value.trim();
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined;
}
