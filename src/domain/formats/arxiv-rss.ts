/**
 * arXiv RSS 2.0 (rss.arxiv.org/rss/cs.LG+cs.CV): one `<item>` an announced paper, its
 * description prefixed `arXiv:2609.26811v1 Announce Type: new Abstract: …`. New submissions and
 * cross-lists are read; replacements (new versions of older papers) only when asked for.
 */
import {
  type ParseOptions,
  type Parsed,
  type RawPaper,
  arxivIdFrom,
  checkDateOption,
  collapse,
  dayOf,
  formatError,
  linesOf,
  mergeDuplicates,
  plural,
  preview,
  splitAuthors,
} from './raw';
import { child, list, parseXml, text } from './xml';

const PREFIX = /^arXiv:(\S+)\s+Announce Type:\s*([\w-]+)\s*(?:Abstract:\s*)?/i;

type Announce = 'new' | 'cross' | 'replace' | 'replace-cross';
const KINDS: readonly Announce[] = ['new', 'cross', 'replace', 'replace-cross'];

export function parseArxivRss(input: string, options: ParseOptions = {}): Parsed {
  checkDateOption(options);
  const root = parseXml(input, 'this RSS feed');
  const channel = child(child(root, 'rss'), 'channel');
  const items = list(channel, 'item');
  const lines = linesOf(input, /<item[\s>]/g);
  const channelDay =
    dayOf(text(channel.pubDate)) ?? dayOf(text(channel.lastBuildDate)) ?? options.date;
  const counts = new Map<Announce, number>(KINDS.map((k) => [k, 0]));
  const papers: RawPaper[] = [];
  items.forEach((item, i) => {
    const line = lines[i] ?? 1;
    const title = collapse(text(list(item, 'title')));
    const description = collapse(text(list(item, 'description')));
    const prefix = PREFIX.exec(description);
    const arxivId =
      arxivIdFrom(prefix?.[1]) ??
      arxivIdFrom(text(list(item, 'link')[0])) ??
      arxivIdFrom(text(list(item, 'guid')[0]));
    const typed = text(list(item, 'announce_type')[0]).trim().toLowerCase() || prefix?.[2];
    const kind: Announce = KINDS.includes(typed as Announce) ? (typed as Announce) : 'new';
    counts.set(kind, counts.get(kind)! + 1);
    if (kind.startsWith('replace') && !options.includeReplacements) return;
    const where = `item ${i + 1}${arxivId ? ` (arXiv ${arxivId})` : ''}`;
    if (!title) throw formatError('arxiv-rss', `${where} has no <title>; is the feed cut?`, line);
    const abstract = prefix ? description.slice(prefix[0].length).trim() : description;
    if (!abstract)
      throw formatError(
        'arxiv-rss',
        `${where} ("${preview(title)}") has no abstract in its <description>`,
        line,
      );
    const date = dayOf(text(list(item, 'pubDate')[0])) ?? channelDay;
    if (!date)
      throw formatError(
        'arxiv-rss',
        `${where} has no <pubDate>, nor has the channel; pass --date YYYY-MM-DD`,
        line,
      );
    const paper: RawPaper = { title, abstract, date, line };
    if (arxivId) paper.arxivId = arxivId;
    const authors = list(item, 'creator').flatMap((c) => splitAuthors(text(c)));
    if (authors.length) paper.authors = authors;
    const categories = list(item, 'category')
      .map((c) => collapse(text(c)))
      .filter(Boolean);
    if (categories.length) paper.categories = [...new Set(categories)];
    papers.push(paper);
  });
  const { papers: merged, merged: duplicates } = mergeDuplicates(papers);
  const replacements = counts.get('replace')! + counts.get('replace-cross')!;
  const details = [
    `${counts.get('new')!.toLocaleString('en-US')} new`,
    counts.get('cross')! && plural(counts.get('cross')!, 'cross-list'),
    replacements &&
      `${plural(replacements, 'replacement')}${options.includeReplacements ? '' : ' skipped'}`,
    duplicates && `${plural(duplicates, 'duplicate')} merged`,
  ].filter((d): d is string => !!d);
  if (!items.length) details.unshift('no items (arXiv announces nothing on weekends and holidays)');
  return { format: 'arxiv-rss', papers: merged, details };
}
