import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPaper, mergePapers } from '../../src/domain/dataset';
import { DigestError } from '../../src/domain/errors';
import { detectFormat, parseInput } from '../../src/domain/formats/detect';
import { arxivIdFrom, dayOf, splitAuthors } from '../../src/domain/formats/raw';

const hfItem = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  paper: {
    id,
    title,
    summary: `An abstract of ${title}.\nIt wraps here.`,
    authors: [{ _id: 'x', name: 'Ada Lovelace', hidden: false }, { name: 'Alan Turing' }],
    publishedAt: '2026-05-01T00:00:00.000Z',
    submittedOnDailyAt: '2026-05-04T10:00:00.000Z',
    upvotes: 12,
    ...extra,
  },
  publishedAt: '2026-05-03T00:00:00.000Z',
  title,
  numComments: 3,
});

const rss = (
  items: string,
  channelDate = 'Thu, 24 Sep 2026 00:00:00 -0400',
) => `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
  <channel>
    <title>cs.LG updates on arXiv.org</title>
    <pubDate>${channelDate}</pubDate>
${items}
  </channel>
</rss>`;

const rssItem = (id: string, type: string, title: string) => `    <item>
      <title>${title}</title>
      <link>https://arxiv.org/abs/${id}</link>
      <description>arXiv:${id}v2 Announce Type: ${type}
Abstract: We study ${title.toLowerCase()} with \\$5 of compute and \\emph{care}.</description>
      <category>cs.LG</category>
      <category>stat.ML</category>
      <pubDate>Thu, 24 Sep 2026 00:00:00 -0400</pubDate>
      <arxiv:announce_type>${type}</arxiv:announce_type>
      <dc:creator>Grace Hopper, Edsger W. Dijkstra and Barbara Liskov</dc:creator>
    </item>`;

const hfPage = `* [ Models ][2]
* [ Datasets ][3]
new

Get trending papers in your email inbox once a day!

[Subscribe][29]

# Daily Papers

## by[AK][30] and the research community
* Daily
* Weekly
* Monthly

May 4
[
12
][31]

### [Sparse Attention for Long \\[Context\\]][32]

[

We make attention sparse, and
it wraps at the line end.

][33]
[
* 3 authors
][34]
·
May 1
[
-
][35]

### [A Second Paper][36]

[

Its abstract.

][37]
[
* 1 author
][38]
·
Mar 8, 2024 [ 6][39]
`;

const arxivList = `Skip to main content
Showing new listings for Friday, 5 December 2025

New submissions (showing 1 of 1 entries)

[1] arXiv:2512.00001 [pdf, html, other]
Title: A Listed Paper
Ada Lovelace, Alan Turing
Comments: 12 pages, code at https://github.com/example/listed
Subjects: Machine Learning (stat.ML); Machine Learning (cs.LG)

An abstract that the page shows.

Cross submissions (showing 1 of 1 entries)

[2] arXiv:2512.00002 (cross-list from cs.CV) [pdf, other]
Title: A Crossed Paper
Grace Hopper
Subjects: Computer Vision (cs.CV); Machine Learning (stat.ML)

A crossed abstract.

Replacement submissions (showing 1 of 1 entries)

[3] arXiv:2511.00003 (replaced) [pdf]
Title: An Old Paper
Barbara Liskov
Subjects: Machine Learning (stat.ML)
`;

describe('format detection by content', () => {
  it.each([
    ['[{"paper": {"id": "2605.00001"}}]', 'json'],
    ['  \n[\n  {"title": "x"}\n]', 'json'],
    ['{"title": "x"}\n', 'json-lines'],
    [rss(''), 'arxiv-rss'],
    ['<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'arxiv-atom'],
    ["<?xml version='1.0'?>\n<OAI-PMH xmlns='x'></OAI-PMH>", 'arxiv-oai'],
    [hfPage, 'hf-page'],
    [arxivList, 'arxiv-list'],
    ['[[Logo] Site][1]\n\nSep 19\n\nTitle\n\nAbstract.', 'page-text'],
    ['Sep 19\n\nTitle\n\nAbstract.', 'page-text'],
  ])('%#: %s', (text, format) => {
    expect(detectFormat(text)).toBe(format);
  });

  it('refuses XML that is no feed, saying which feeds it reads', () => {
    expect(() => detectFormat('<html><body>hi</body></html>')).toThrow(
      /XML with a <html> root, which is none of the feeds Paperboy reads/,
    );
  });

  it('throws nothing but DigestError on arbitrary feed-shaped text', () => {
    const piece = fc.constantFrom(
      '<rss>',
      '</rss>',
      '<channel>',
      '<item>',
      '</item>',
      '<title>T</title>',
      '<description>arXiv:1 Announce Type: new Abstract:</description>',
      '[',
      '{"paper": {}}',
      ']',
      '### [T][1]',
      '* 3 authors',
      '·',
      'May 1',
      '[1] arXiv:2512.00001',
      'Title: X',
      '',
      '<feed>',
      '<entry>',
      '<OAI-PMH>',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
        try {
          parseInput(pieces.join('\n'), { fileDate: '2026-01-02' });
        } catch (e) {
          if (!(e instanceof DigestError)) throw e;
        }
      }),
      { seed: 7, numRuns: 1500 },
    );
  });
});

describe('Hugging Face daily-papers API', () => {
  it('reads id, title, summary, authors, votes, comments, code and project links, and the daily day', () => {
    const text = JSON.stringify([
      hfItem('2605.00001', 'Sparse  Mixture\nof Experts', {
        githubRepo: 'https://github.com/example/moe',
        projectPage: 'https://example.github.io/moe',
      }),
      hfItem('2605.00002', 'Second', { submittedOnDailyAt: undefined }),
    ]);
    const { format, papers, details } = parseInput(text);
    expect(format).toBe('hf-api');
    expect(details).toEqual(['2 papers', 'over 2 days']);
    expect(papers[0]).toMatchObject({
      arxivId: '2605.00001',
      title: 'Sparse Mixture of Experts',
      abstract: 'An abstract of Sparse  Mixture\nof Experts. It wraps here.'.replace(/\s+/g, ' '),
      authors: ['Ada Lovelace', 'Alan Turing'],
      upvotes: 12,
      comments: 3,
      date: '2026-05-04',
      links: [
        { kind: 'code', url: 'https://github.com/example/moe' },
        { kind: 'project', url: 'https://example.github.io/moe' },
      ],
    });
    // Without submittedOnDailyAt the day is the item's publishedAt, not the arXiv date.
    expect(papers[1]!.date).toBe('2026-05-03');
  });

  it('names the item and the missing field', () => {
    const text = JSON.stringify([hfItem('2605.00001', 'Fine'), hfItem('2605.00009', '')]);
    expect(() => parseInput(text)).toThrow(
      'line 1: read as Hugging Face daily-papers API: item 2 (arXiv 2605.00009) has no "title" string',
    );
  });

  it('reads an empty day as no papers', () => {
    expect(parseInput('[]').papers).toEqual([]);
  });
});

describe('arXiv RSS', () => {
  const feed = rss(
    [
      rssItem('2609.00001', 'new', 'Sparse Training'),
      rssItem('2609.00002', 'cross', 'Crossed Over'),
      rssItem('2609.00003', 'replace', 'Replaced One'),
      rssItem('2609.00004', 'replace-cross', 'Replaced Cross'),
    ].join('\n'),
  );

  it('reads new submissions and cross-lists, and says what it skipped', () => {
    const { format, papers, details } = parseInput(feed);
    expect(format).toBe('arxiv-rss');
    expect(details).toEqual(['1 new', '1 cross-list', '2 replacements skipped']);
    expect(papers.map((p) => p.arxivId)).toEqual(['2609.00001', '2609.00002']);
    expect(papers[0]).toMatchObject({
      title: 'Sparse Training',
      abstract: 'We study sparse training with \\$5 of compute and \\emph{care}.',
      date: '2026-09-24',
      authors: ['Grace Hopper', 'Edsger W. Dijkstra', 'Barbara Liskov'],
      categories: ['cs.LG', 'stat.ML'],
      line: 6,
    });
    // The clean-up makes the money and the emphasis read right.
    expect(buildPaper(papers[0]!).abstract).toBe(
      'We study sparse training with $5 of compute and care.',
    );
  });

  it('takes replacements when asked', () => {
    const { papers, details } = parseInput(feed, { includeReplacements: true });
    expect(papers).toHaveLength(4);
    expect(details).toContain('2 replacements');
  });

  it('reads a weekend feed with no items as no papers, and says why', () => {
    const { papers, details } = parseInput(rss(''));
    expect(papers).toEqual([]);
    expect(details[0]).toMatch(/no items \(arXiv announces nothing on weekends/);
  });

  it('names the line of a broken item and of broken XML', () => {
    const broken = rss(rssItem('2609.00001', 'new', '').replace('<title></title>', ''));
    expect(() => parseInput(broken)).toThrow(
      'line 6: read as arXiv RSS: item 1 (arXiv 2609.00001) has no <title>; is the feed cut?',
    );
    expect(() => parseInput(feed.slice(0, 600))).toThrow(
      /^line \d+: read as arXiv RSS: this RSS feed is not well-formed XML/,
    );
  });

  it('refuses a DOCTYPE (entity expansion) outright', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel></channel></rss>`;
    expect(() => parseInput(bomb)).toThrow(
      /line 1: read as arXiv RSS: this RSS feed has a <!DOCTYPE> declaration, which Paperboy does not read/,
    );
  });
});

describe('a Hugging Face papers page as captured', () => {
  it('skips the site chrome, takes the day line, and reads votes, abstracts and comments', () => {
    const { format, papers, details } = parseInput(hfPage, { year: 2026 });
    expect(format).toBe('hf-page');
    expect(details).toEqual(['2 papers', 'day 2026-05-04']);
    expect(papers).toMatchObject([
      {
        title: 'Sparse Attention for Long [Context]',
        abstract: 'We make attention sparse, and it wraps at the line end.',
        date: '2026-05-04',
        upvotes: 12,
        line: 21,
      },
      // "May 1" is the first paper's own published date, not a new day.
      {
        title: 'A Second Paper',
        abstract: 'Its abstract.',
        date: '2026-05-04',
        upvotes: 0,
        comments: 6,
      },
    ]);
  });

  it('takes the year from the file name, and asks for one when there is none', () => {
    expect(parseInput(hfPage, { fileDate: '2026-05-04' }).papers[0]!.date).toBe('2026-05-04');
    expect(() => parseInput(hfPage)).toThrow(
      'line 16: read as Hugging Face papers page: date "May 4" has no year; pass --year YYYY (or --date YYYY-05-04)',
    );
  });
});

describe('an arXiv listing page as copied', () => {
  it('reads the header date, entries, authors, subjects and comments, skipping replacements', () => {
    const { format, papers, details } = parseInput(arxivList);
    expect(format).toBe('arxiv-list');
    expect(details).toEqual(['1 new', '1 cross-list', '1 replacement skipped']);
    expect(papers).toMatchObject([
      {
        arxivId: '2512.00001',
        title: 'A Listed Paper',
        authors: ['Ada Lovelace', 'Alan Turing'],
        categories: ['stat.ML', 'cs.LG'],
        abstract: 'An abstract that the page shows.',
        date: '2025-12-05',
        line: 6,
      },
      { arxivId: '2512.00002', title: 'A Crossed Paper', abstract: 'A crossed abstract.' },
    ]);
    // The comment's URL becomes a link on the paper.
    expect(buildPaper(papers[0]!).links).toEqual([
      { kind: 'code', url: 'https://github.com/example/listed' },
    ]);
  });
});

describe('JSON lines from other tools', () => {
  it('reads common aliases, takes the day from the file name, and merges duplicates', () => {
    const lines = [
      {
        id: '2606.00001',
        title: 'One',
        summary: 'First.\n  Second line.',
        authors: 'A. B, C. D and E. F',
        categories: ['cs.GT'],
        comment: 'Project page: https://one.example.org',
      },
      {
        id: '2606.00002v2',
        title: 'Two',
        summary: 'Two.',
        authors: ['G'],
        categories: 'cs.LG stat.ML',
      },
      { id: '2606.00001', title: 'One', summary: 'First. Second line.', categories: ['cs.LG'] },
    ].map((l) => JSON.stringify(l));
    const { papers, details } = parseInput(lines.join('\n'), { fileDate: '2026-07-01' });
    expect(details).toEqual(['2 papers', '1 duplicate merged']);
    expect(papers[0]).toMatchObject({
      arxivId: '2606.00001',
      abstract: 'First. Second line.',
      authors: ['A. B', 'C. D', 'E. F'],
      categories: ['cs.GT', 'cs.LG'],
      date: '2026-07-01',
      note: 'Project page: https://one.example.org',
    });
    expect(papers[1]).toMatchObject({ arxivId: '2606.00002', categories: ['cs.LG', 'stat.ML'] });
    expect(buildPaper(papers[0]!).links).toEqual([
      { kind: 'project', url: 'https://one.example.org' },
    ]);
  });

  it('lets --date win over the file name, and the record over both', () => {
    const line = JSON.stringify({ title: 'T', abstract: 'A.' });
    expect(parseInput(line, { fileDate: '2026-07-01', date: '2026-07-02' }).papers[0]!.date).toBe(
      '2026-07-02',
    );
    const dated = JSON.stringify({ title: 'T', abstract: 'A.', published: '2026-06-30T12:00:00Z' });
    expect(parseInput(dated, { date: '2026-07-02' }).papers[0]!.date).toBe('2026-06-30');
  });

  it('reads the corpus shape: links.github and links.project', () => {
    const line = JSON.stringify({
      id: '2405.00001',
      title: 'T',
      abstract: 'A.',
      date: '2024-05-27',
      links: {
        github: 'https://github.com/x/y',
        project: 'https://x.github.io/y',
        arxiv: 'https://arxiv.org/abs/2405.00001',
      },
    });
    expect(parseInput(line).papers[0]!.links).toEqual([
      { kind: 'code', url: 'https://github.com/x/y' },
      { kind: 'project', url: 'https://x.github.io/y' },
    ]);
  });
});

describe('shared readers', () => {
  it.each([
    ['2401.01234v2', '2401.01234'],
    ['arXiv:2401.01234', '2401.01234'],
    ['http://arxiv.org/abs/2401.01234v1', '2401.01234'],
    ['https://arxiv.org/pdf/2401.01234v3.pdf', '2401.01234'],
    ['oai:arXiv.org:hep-th/9901001', 'hep-th/9901001'],
    ['my-paper', undefined],
    ['https://example.org/abs/2401.01234', undefined],
  ])('arxivIdFrom(%s)', (value, id) => {
    expect(arxivIdFrom(value)).toBe(id);
  });

  it.each([
    ['2026-06-12T00:00:00.000Z', '2026-06-12'],
    ['Mon, 28 Apr 2025 00:00:00 -0400', '2025-04-28'],
    ['Wed, 23 Jan 2008 21:06:41 GMT', '2008-01-23'],
    ['2025-02-30', undefined],
    ['yesterday', undefined],
  ])('dayOf(%s)', (value, day) => {
    expect(dayOf(value)).toBe(day);
  });

  it('splits authors and drops affiliations, nested ones too', () => {
    expect(
      splitAuthors(
        'Robert H. Brandenberger (McGill), Keshav Dasgupta (McGill (Physics)) and\n  Anne-Christine Davis (DAMTP, Cambridge)',
      ),
    ).toEqual(['Robert H. Brandenberger', 'Keshav Dasgupta', 'Anne-Christine Davis']);
  });
});

describe('merging papers from several sources', () => {
  const base = {
    abstract: 'We prune weights.',
    line: 1,
  };
  it('finds a paper by arXiv id first: a retitled version keeps its id, day and place', () => {
    const arxiv = buildPaper({
      ...base,
      title: 'Pruning at Scale',
      date: '2026-07-30',
      arxivId: '2607.00001',
      categories: ['cs.LG'],
    });
    const hf = buildPaper({
      ...base,
      title: 'Pruning at scale!',
      date: '2026-07-31',
      arxivId: '2607.00001',
      upvotes: 40,
      comments: 2,
      links: [{ kind: 'code', url: 'https://github.com/x/prune' }],
    });
    const first = mergePapers(new Map(), [arxiv]);
    const { days, report } = mergePapers(first.days, [hf]);
    expect(report).toMatchObject({ added: 0, known: 1, enriched: 1 });
    expect(days.get('2026-07-31')).toBeUndefined();
    expect(days.get('2026-07-30')).toEqual([
      expect.objectContaining({
        id: arxiv.id,
        title: 'Pruning at Scale',
        upvotes: 40,
        comments: 2,
        categories: ['cs.LG'],
        links: [{ kind: 'code', url: 'https://github.com/x/prune' }],
      }),
    ]);
    // The same input again changes nothing.
    expect(mergePapers(days, [hf]).report).toMatchObject({ known: 1, enriched: 0 });
  });

  it('finds a paper by title when an input has no arXiv id, and fills the id in', () => {
    const page = buildPaper({ ...base, title: 'Pruning at Scale', date: '2026-07-30' });
    const api = buildPaper({
      ...base,
      title: 'Pruning at Scale',
      date: '2026-07-30',
      arxivId: '2607.00001',
    });
    const { days, report } = mergePapers(mergePapers(new Map(), [page]).days, [api]);
    expect(report).toMatchObject({ updated: 1 });
    expect(days.get('2026-07-30')).toEqual([expect.objectContaining({ arxivId: '2607.00001' })]);
  });
});

describe('duplicates inside one input', () => {
  it('merges by arXiv id, then by title, but never two different arXiv ids', () => {
    const line = (id: string | undefined, title: string, extra = {}) =>
      JSON.stringify({ id, title, abstract: `About ${title}.`, date: '2026-01-02', ...extra });
    const { papers, details } = parseInput(
      [
        line('2601.00001', 'Erratum'),
        line('2601.00002', 'Erratum'),
        line(undefined, 'Erratum', { upvotes: 3 }),
        line('2601.00002', 'Erratum to a different paper'),
      ].join('\n'),
    );
    expect(papers.map((p) => [p.arxivId, p.upvotes])).toEqual([
      ['2601.00001', 3],
      ['2601.00002', undefined],
    ]);
    expect(details).toContain('2 duplicates merged');
  });
});
