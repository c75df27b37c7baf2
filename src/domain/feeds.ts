/**
 * Atom 1.0 and JSON Feed 1.1 for all papers and per topic: the newest papers, the abstract as
 * text, the paper's page as the link, stable entry ids. Pure string building; everything from
 * the dataset is escaped.
 */
import type { Paper } from './schema';
import { TOPIC_META as TOPICS, topicLabel } from './topic-meta';

export const FEED_SIZE = 50;

/** The path of a feed: `all` or a topic id. */
export const feedPath = (id: string, format: 'atom' | 'json' = 'atom') =>
  `/feeds/${id}.${format === 'atom' ? 'xml' : 'json'}`;

/** Escapes text for XML element content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

export interface FeedOptions {
  /** The site's origin and base, e.g. https://papers.example.org (no trailing slash). */
  siteUrl: string;
  /** When the dataset was generated (ISO), for the feed's own `updated`. */
  generatedAt: string;
}

export interface FeedSpec {
  id: string;
  title: string;
  papers: Paper[];
  /** Labels of the topics its papers carry, the site's extra topics included. */
  labels?: ReadonlyMap<string, string>;
}

/** The newest papers first (by date, then page order), at most FEED_SIZE. */
export function newestPapers(papers: readonly Paper[], topic?: string): Paper[] {
  const list = topic ? papers.filter((p) => p.topics.includes(topic)) : [...papers];
  return list
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.date < b.p.date ? 1 : a.p.date > b.p.date ? -1 : a.i - b.i))
    .slice(0, FEED_SIZE)
    .map((x) => x.p);
}

/**
 * Every feed the build writes: all papers, then one per topic of `topics` (the table, or the
 * index's list with the site's extra topics).
 */
export function feedSpecs(
  papers: readonly Paper[],
  topics: readonly { id: string; label: string }[] = TOPICS,
): FeedSpec[] {
  const labels = new Map(topics.map((t) => [t.id, t.label]));
  return [
    { id: 'all', title: 'Paperboy: all papers', papers: newestPapers(papers), labels },
    ...topics.map((t) => ({
      id: t.id,
      title: `Paperboy: ${t.label}`,
      papers: newestPapers(papers, t.id),
      labels,
    })),
  ];
}

const labelIn = (spec: FeedSpec, id: string) => spec.labels?.get(id) ?? topicLabel(id);

const paperUrl = (siteUrl: string, p: Paper) =>
  `${siteUrl}/papers/${encodeURIComponent(p.id)}?date=${p.date}`;
/** Entry ids are tag URIs of the paper id: stable across rebuilds and hosts. */
const entryId = (p: Paper) => `tag:paperboy,2025:paper:${p.id}`;
const dayTime = (date: string) => `${date}T00:00:00Z`;

export function toAtom(spec: FeedSpec, options: FeedOptions): string {
  const { siteUrl } = options;
  const updated = spec.papers[0] ? dayTime(spec.papers[0].date) : options.generatedAt;
  const entries = spec.papers.map((p) => {
    // A name that is nothing XML can carry (a lone surrogate) is left out, never an empty <name>.
    const names = (p.authors ?? []).map(xmlEscape).filter((a) => a.trim());
    const authors = names.length
      ? names.map((a) => `    <author><name>${a}</name></author>`).join('\n')
      : '    <author><name>Unknown</name></author>';
    const categories = p.topics
      .map((t) => `    <category term="${xmlEscape(t)}" label="${xmlEscape(labelIn(spec, t))}"/>`)
      .join('\n');
    const links = p.links
      .map(
        (l) => `    <link rel="related" href="${xmlEscape(l.url)}" title="${xmlEscape(l.kind)}"/>`,
      )
      .join('\n');
    return [
      '  <entry>',
      `    <id>${xmlEscape(entryId(p))}</id>`,
      `    <title type="text">${xmlEscape(p.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(paperUrl(siteUrl, p))}"/>`,
      links,
      `    <updated>${dayTime(p.date)}</updated>`,
      `    <published>${dayTime(p.date)}</published>`,
      authors,
      categories,
      `    <summary type="text">${xmlEscape(p.abstract)}</summary>`,
      '  </entry>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>tag:paperboy,2025:feed:${xmlEscape(spec.id)}</id>`,
    `  <title type="text">${xmlEscape(spec.title)}</title>`,
    `  <subtitle type="text">The newest ${FEED_SIZE} papers${spec.id === 'all' ? '' : ` in ${xmlEscape(labelIn(spec, spec.id))}`} from Paperboy's daily digests.</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${siteUrl}${feedPath(spec.id)}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${siteUrl}/${spec.id === 'all' ? '' : `?topics=${spec.id}&view=month`}`)}"/>`,
    `  <updated>${updated}</updated>`,
    '  <generator>Paperboy</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

export function toJsonFeed(spec: FeedSpec, options: FeedOptions): string {
  const { siteUrl } = options;
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: spec.title,
    home_page_url: `${siteUrl}/${spec.id === 'all' ? '' : `?topics=${spec.id}&view=month`}`,
    feed_url: `${siteUrl}${feedPath(spec.id, 'json')}`,
    description: `The newest ${FEED_SIZE} papers${spec.id === 'all' ? '' : ` in ${labelIn(spec, spec.id)}`} from Paperboy's daily digests.`,
    language: 'en',
    items: spec.papers.map((p) => ({
      id: entryId(p),
      url: paperUrl(siteUrl, p),
      title: p.title,
      content_text: p.abstract,
      date_published: dayTime(p.date),
      date_modified: dayTime(p.date),
      tags: p.topics.map((t) => labelIn(spec, t)),
      ...(p.authors?.length ? { authors: p.authors.map((name) => ({ name })) } : {}),
      ...(p.links[0] ? { external_url: p.links[0].url } : {}),
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
