import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildPaper } from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import {
  FEED_SIZE,
  feedSpecs,
  newestPapers,
  toAtom,
  toJsonFeed,
  xmlEscape,
} from '../../src/domain/feeds';
import type { Paper } from '../../src/domain/schema';
import { TOPIC_META } from '../../src/domain/topic-meta';
import { seedText } from '../helpers';

const papers = parseDigest(seedText(), { year: 2025 }).map(buildPaper);
const options = { siteUrl: 'https://papers.example.org', generatedAt: '2025-09-20T08:00:00.000Z' };
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'link', 'author', 'category'].includes(name),
});

describe('Atom feeds', () => {
  const specs = feedSpecs(papers);

  it('writes all.xml and one feed per topic', () => {
    expect(specs.map((s) => s.id)).toEqual(['all', ...TOPIC_META.map((t) => t.id)]);
  });

  it('are well-formed Atom that matches the dataset', () => {
    for (const spec of specs) {
      const xml = toAtom(spec, options);
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = parser.parse(xml).feed;
      expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
      const entries = feed.entry ?? [];
      const expected =
        spec.id === 'all' ? papers : papers.filter((p) => p.topics.includes(spec.id));
      expect(entries).toHaveLength(Math.min(FEED_SIZE, expected.length));
      for (const entry of entries) {
        const paper = papers.find((p) => `tag:paperboy,2025:paper:${p.id}` === entry.id)!;
        expect(paper).toBeDefined();
        if (spec.id !== 'all') expect(paper.topics).toContain(spec.id);
        expect(entry.title['#text']).toBe(paper.title);
        expect(entry.summary['#text']).toBe(paper.abstract);
        expect(entry.updated).toBe('2025-09-19T00:00:00Z');
        expect(
          entry.link.find((l: Record<string, string>) => l['@rel'] === 'alternate')['@href'],
        ).toBe(`https://papers.example.org/papers/${paper.id}?date=2025-09-19`);
      }
    }
  });

  it('escapes everything from the dataset', () => {
    const base = papers[0]!;
    const hostile: Paper = {
      ...base,
      id: 'hostile',
      title: '<script>alert("x")</script> & ]]> \u0007bell',
      abstract: 'Tom & Jerry <img src=x onerror=alert(1)> "quoted" \'single\'',
      authors: ['A <b>Bold</b> Author'],
      links: [{ kind: 'code', url: 'https://example.org/?a=1&b=<2>' }],
    };
    const xml = toAtom({ id: 'all', title: 'T & <T>', papers: [hostile] }, options);
    expect(XMLValidator.validate(xml)).toBe(true);
    const entry = parser.parse(xml).feed.entry[0];
    expect(entry.title['#text']).toBe('<script>alert("x")</script> & ]]> bell');
    expect(entry.summary['#text']).toBe(hostile.abstract);
    expect(entry.author[0].name).toBe('A <b>Bold</b> Author');
    expect(xml).not.toContain('<script>');
    expect(xmlEscape('a&b<c>"\'')).toBe('a&amp;b&lt;c&gt;&quot;&apos;');
  });

  it('keeps the newest 50, newest first, with stable ids', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({
      ...papers[i % papers.length]!,
      id: `p${i}`,
      date: `2025-09-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    const newest = newestPapers(many);
    expect(newest).toHaveLength(50);
    expect(newest.map((p) => p.date)).toEqual([...newest.map((p) => p.date)].sort().reverse());
    expect(toAtom({ id: 'all', title: 'x', papers: newest }, options)).toBe(
      toAtom({ id: 'all', title: 'x', papers: newestPapers(many) }, options),
    );
  });
});

describe('JSON Feed 1.1', () => {
  it('has the same entries as the Atom feed', () => {
    const spec = feedSpecs(papers).find((s) => s.id === 'retrieval')!;
    const feed = JSON.parse(toJsonFeed(spec, options));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://papers.example.org/feeds/retrieval.json');
    expect(feed.items.map((i: { id: string }) => i.id)).toEqual(
      spec.papers.map((p) => `tag:paperboy,2025:paper:${p.id}`),
    );
    expect(feed.items[0].content_text).toBe(spec.papers[0]!.abstract);
  });
});

describe('hostile text in feeds', () => {
  it('never writes an empty <name> for a lone surrogate, at ingest or in the feed', () => {
    const paper = buildPaper({
      title: 'Half an emoji',
      abstract: 'Text.',
      date: '2025-09-19',
      line: 1,
      authors: ['\ud83d', 'Ada Lovelace\udc00'],
    });
    expect(paper.authors).toEqual(['\ufffd', 'Ada Lovelace\ufffd']);
    const spec = feedSpecs([{ ...paper, authors: ['\ud83d', 'Ada'] }])[0]!;
    const atom = toAtom(spec, {
      siteUrl: 'https://x.example',
      generatedAt: '2025-09-19T00:00:00Z',
    });
    expect(atom).not.toContain('<name></name>');
    expect(atom).toContain('<name>Ada</name>');
  });
});
