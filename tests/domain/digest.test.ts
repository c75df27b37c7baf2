import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ABSTRACT_CHARS, parseDigest, renderDigest } from '../../src/domain/digest';
import { DigestError } from '../../src/domain/errors';
import { parseInput } from '../../src/domain/formats/detect';
import { parseJsonLines as parseJsonLinesFull } from '../../src/domain/formats/json-records';
import type { ParseOptions } from '../../src/domain/formats/raw';

const parseJsonLines = (text: string, options?: ParseOptions) =>
  parseJsonLinesFull(text, options).papers;
import { readFixture, seedText } from '../helpers';

describe('parseDigest on the seed digest', () => {
  const papers = parseDigest(seedText(), { year: 2025 });

  it('finds all 63 papers of 2025-09-19, in page order', () => {
    expect(papers).toHaveLength(63);
    expect(new Set(papers.map((p) => p.date))).toEqual(new Set(['2025-09-19']));
    expect(papers[0]!.title).toMatch(/^Interpretable structural model error discovery/);
    expect(papers[0]!.line).toBe(13);
    expect(papers.at(-1)!.title).toBe(
      'Adaptive Safety Evaluation for Connected and Automated Vehicles with Sparse Control Variates',
    );
  });

  it('never takes page chrome for a paper', () => {
    const titles = papers.map((p) => p.title);
    for (const chrome of [
      'new',
      'Subscribe',
      'Daily Papers',
      'Get trending papers in your email inbox!',
    ])
      expect(titles).not.toContain(chrome);
  });

  it('pairs every title with its own abstract', () => {
    const sparseNerf = papers.find((p) => p.title.startsWith('SparseNeRF'));
    expect(sparseNerf?.abstract).toMatch(/^Neural Radiance Field \(NeRF\)/);
    expect(sparseNerf?.abstract).toMatch(/https:\/\/sparsenerf\.github\.io\/\.$/);
    for (const p of papers) expect(p.abstract.length).toBeGreaterThan(p.title.length);
  });

  it('gives the same pairs with --date instead of --year', () => {
    expect(parseDigest(seedText(), { date: '2025-09-19' })).toEqual(papers);
  });
});

describe('parseDigest input variants', () => {
  it('reads Windows line endings, extra blank lines and trailing spaces', () => {
    const papers = parseDigest(readFixture('crlf.txt'), { year: 2025 });
    expect(papers.map((p) => [p.title, p.abstract, p.date])).toEqual([
      ['First Paper Title', 'First abstract with trailing spaces.', '2025-09-17'],
      ['Second Paper Title', 'Second abstract.', '2025-09-17'],
    ]);
  });

  it('joins a title that wraps onto two lines', () => {
    const papers = parseDigest(readFixture('wrapped-title.txt'), { year: 2025 });
    expect(papers.map((p) => p.title)).toEqual([
      'A Title That Is Long Enough To Wrap Onto Two Lines',
      'Short Second Paper',
    ]);
    expect(papers[0]!.line).toBe(3);
  });

  it('reads a digest without the page chrome', () => {
    const text = renderDigest(
      [{ title: 'Only Paper', abstract: 'Its abstract.', date: '2025-01-02' }],
      false,
    );
    expect(text.startsWith('Jan 2')).toBe(true);
    expect(parseDigest(text, { year: 2025 })).toEqual([
      { title: 'Only Paper', abstract: 'Its abstract.', date: '2025-01-02', line: 3 },
    ]);
  });

  it('reads several date lines as several days', () => {
    const text = renderDigest([
      { title: 'Day One Paper', abstract: 'First.', date: '2025-09-18' },
      { title: 'Day Two Paper', abstract: 'Second.', date: '2025-09-19' },
    ]);
    expect(parseDigest(text, { year: 2025 }).map((p) => p.date)).toEqual([
      '2025-09-18',
      '2025-09-19',
    ]);
  });

  it('uses --date when the page has no date line', () => {
    expect(parseDigest(readFixture('no-date.txt'), { date: '2025-03-04' })[0]!.date).toBe(
      '2025-03-04',
    );
  });

  it('reads a date line that has its year', () => {
    expect(parseDigest('September 19, 2025\n\nT\n\nAbstract.')[0]!.date).toBe('2025-09-19');
  });
});

describe('parseDigest errors name the line and the fix', () => {
  const error = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(DigestError);
      return e as DigestError;
    }
    throw new Error('expected a DigestError');
  };

  it('empty file', () => {
    expect(error(() => parseDigest('  \n\n')).message).toBe(
      'line 1: the file is empty; copy the daily-papers page text into it',
    );
  });

  it('binary file', () => {
    expect(error(() => parseDigest('Sep 19\n\nabc\u0000def')).message).toMatch(
      /^line 3: this looks like a binary file/,
    );
  });

  it('no date line', () => {
    const e = error(() => parseDigest(readFixture('no-date.txt'), { year: 2025 }));
    expect(e.line).toBe(3);
    expect(e.message).toContain(
      'no date line (like "Sep 19") before the first paper; add one above it or pass --date YYYY-MM-DD',
    );
  });

  it('a date without a year', () => {
    expect(error(() => parseDigest(seedText())).message).toBe(
      'line 11: date "Sep 19" has no year; pass --year YYYY (or --date YYYY-09-19)',
    );
  });

  it('a date line that disagrees with --date', () => {
    expect(error(() => parseDigest(seedText(), { date: '2025-09-20' })).message).toContain(
      'does not match --date 2025-09-20',
    );
  });

  it('a title with no abstract', () => {
    const e = error(() => parseDigest(readFixture('no-abstract.txt'), { year: 2025 }));
    expect(e.message).toBe(
      'line 7: title "Orphan Title Without Abstract" has no abstract; add its abstract after a blank line, or remove the title',
    );
  });

  it('a last title with no abstract', () => {
    expect(error(() => parseDigest('Sep 1\n\nLonely Title', { year: 2025 })).message).toMatch(
      /^line 3: title "Lonely Title" has no abstract/,
    );
  });

  it('an abstract over 10,000 characters', () => {
    const long = `${'word '.repeat(2100)}end.`;
    const e = error(() => parseDigest(`Sep 1\n\nTitle\n\n${long}`, { year: 2025 }));
    expect(e.line).toBe(5);
    expect(e.message).toContain(
      `is ${long.length.toLocaleString('en-US')} characters, over the ${MAX_ABSTRACT_CHARS.toLocaleString('en-US')} limit`,
    );
  });

  it('no papers', () => {
    expect(error(() => parseDigest('Daily Papers\n\nSep 19\n', { year: 2025 })).message).toMatch(
      /^no papers found/,
    );
  });

  it('an abstract where a title should be', () => {
    const e = error(() =>
      parseDigest(`Sep 1\n\n${'A sentence of an abstract. '.repeat(20)}`, { year: 2025 }),
    );
    expect(e.message).toMatch(
      /^line 3: expected a paper title but found a paragraph of 539 characters/,
    );
  });
});

describe('parseJsonLines', () => {
  it('reads {title, abstract, date} objects with optional authors, id and upvotes', () => {
    const { format, papers } = parseInput(readFixture('two-days.jsonl'));
    expect(format).toBe('json-lines');
    expect(papers).toHaveLength(2);
    expect(papers[0]).toMatchObject({
      title: 'Sparse Kalman Filtering for Data Assimilation',
      date: '2025-09-18',
      arxivId: '2509.00001',
      authors: ['Ada Lovelace', 'Alan Turing'],
      upvotes: 12,
      line: 1,
    });
    expect(papers[1]).toMatchObject({ date: '2025-09-19', line: 3 });
    expect(papers[1]!.upvotes).toBeUndefined();
  });

  it('keeps an id as a version-free arxivId only when it is an arXiv identifier', () => {
    const line = (id: string) =>
      JSON.stringify({ id, title: `T ${id}`, abstract: 'A b c.', date: '2025-01-01' });
    const [good, url, bad] = parseJsonLines(
      [line('2401.00001v3'), line('https://arxiv.org/abs/2401.00002v1'), line('my-paper')].join(
        '\n',
      ),
    );
    expect(good!.arxivId).toBe('2401.00001');
    expect(url!.arxivId).toBe('2401.00002');
    expect(bad!.arxivId).toBeUndefined();
  });

  it('names the line of bad JSON and of a missing field', () => {
    expect(() =>
      parseJsonLines('{"title": "x", "abstract": "y", "date": "2025-01-01"}\n{oops'),
    ).toThrow('line 2: read as JSON lines: not valid JSON');
    expect(() => parseJsonLines('{"title": "x", "date": "2025-01-01"}')).toThrow(
      'line 1: read as JSON lines: the object ("x") has no "abstract" or "summary" string',
    );
    expect(() => parseJsonLines('{"title": "x", "abstract": "y"}')).toThrow(
      'line 1: read as JSON lines: the object ("x") has no "date" as YYYY-MM-DD',
    );
  });
});

describe('parser properties', () => {
  it('throws nothing but DigestError on arbitrary text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc
        .array(
          fc.constantFrom(
            'Sep 19',
            'Daily Papers',
            '',
            '\r',
            'Title',
            'An abstract.',
            '{',
            '{"title":1}',
            'Feb 30',
            '2025-02-30',
            '\u0000',
            'x'.repeat(400),
          ),
          { maxLength: 30 },
        )
        .map((a) => a.join('\n')),
    );
    fc.assert(
      fc.property(
        text,
        fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: undefined }),
        (input, year) => {
          try {
            parseInput(input, year === undefined ? {} : { year });
          } catch (e) {
            if (!(e instanceof DigestError)) throw e;
          }
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('gives back every pair after a render-then-parse round trip', () => {
    const word = fc.stringMatching(/^[A-Za-z][a-z0-9]{0,11}$/);
    const title = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
    const abstract = fc.array(word, { minLength: 3, maxLength: 120 }).map((w) => `${w.join(' ')}.`);
    const date = fc
      .integer({ min: 0, max: 364 })
      .map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10));
    const paper = fc.record({ title, abstract, date });
    fc.assert(
      fc.property(
        fc.array(paper, { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        (papers, chrome) => {
          const sorted = [...papers].sort((a, b) => a.date.localeCompare(b.date));
          const parsed = parseDigest(renderDigest(sorted, chrome), { year: 2025 });
          expect(parsed.map(({ title, abstract, date }) => ({ title, abstract, date }))).toEqual(
            sorted,
          );
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
