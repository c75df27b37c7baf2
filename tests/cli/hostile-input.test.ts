/**
 * Hardening II at ingest: paper identity (arXiv id, else the title as written), limits on every
 * field, the date window, and changes reported by name.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest-cli';
import type { Paper } from '../../src/domain/schema';
import { SEED_DIGEST, readFixture } from '../helpers';

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-hostile-'));
  out = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n');
function ingestLines(records: object[], ...flags: string[]) {
  return ingestText(lines(records), 'jsonl', ...flags);
}
function ingestText(text: string, extension: string, ...flags: string[]) {
  const file = join(dir, `in-${Math.random().toString(36).slice(2)}.${extension}`);
  writeFileSync(file, text);
  const output = { out: [] as string[], err: [] as string[] };
  const code = runIngest([file, '--out', out, ...flags], {
    out: (l) => output.out.push(l),
    err: (l) => output.err.push(l),
    now: () => new Date('2026-11-25T12:00:00Z'),
  });
  return { code, stdout: output.out.join('\n'), stderr: output.err.join('\n') };
}
const papers = (): Paper[] =>
  readdirSync(join(out, 'days')).flatMap(
    (f) => JSON.parse(readFileSync(join(out, 'days', f), 'utf8')).papers,
  );
const paper = (title: string, extra: object = {}) => ({
  title,
  abstract: `About ${title}.`,
  date: '2025-09-19',
  ...extra,
});

describe('paper identity', () => {
  it('keeps "C++ / C# / C for ML" apart although their slugs are the same', () => {
    const titles = ['C++ for ML', 'C# for ML', 'C for ML', 'C-- for ML', 'C: for ML'];
    const result = ingestLines(titles.map((t) => paper(t)));
    expect(result.stdout).toMatch(/\(5 new\)/);
    const all = papers();
    expect(all.map((p) => p.title).sort()).toEqual([...titles].sort());
    expect(new Set(all.map((p) => p.id)).size).toBe(5);
    for (const p of all) expect(p.id).toMatch(/^c-for-ml(-[a-z0-9]+)?$/);
  });

  it('takes a zero-width space or other spacing as the same title, and says what changed', () => {
    ingestLines([paper('Sparse Attention at Scale')]);
    const again = ingestLines([
      paper('Sparse\u200b Attention  at Scale', { abstract: 'A new abstract.' }),
    ]);
    expect(again.stdout).toMatch(/\(0 new, 1 updated\)/);
    expect(again.stdout).toContain(
      'changed "Sparse\u200b Attention at Scale": title, abstract changed',
    );
    expect(papers()).toHaveLength(1);
  });

  it('keeps a title differing in case and punctuation, a day earlier, as another paper', () => {
    const seed = ingestLines([
      paper('SparseNeRF: Distilling Depth Ranking', {
        abstract: 'The real abstract.',
        links: { github: 'https://github.com/real/sparsenerf' },
      }),
    ]);
    expect(seed.code).toBe(0);
    const hostile = ingestLines([
      paper('sparsenerf distilling depth ranking', {
        date: '2025-09-18',
        abstract: 'A hijacked abstract.',
        links: { github: 'https://github.com@evil.example/x' },
      }),
    ]);
    expect(hostile.stdout).toMatch(/\(1 new\)/);
    const real = papers().find((p) => p.title.startsWith('SparseNeRF'))!;
    expect(real.abstract).toBe('The real abstract.');
    expect(real.links).toEqual([{ kind: 'code', url: 'https://github.com/real/sparsenerf' }]);
    // The look-alike link is kept as a plain link, never labelled Code.
    const other = papers().find((p) => p.title.startsWith('sparsenerf'))!;
    expect(other.links.map((l) => l.kind)).toEqual(['other']);
  });

  it('makes one paper of one arXiv id under two titles, and reports the retitling by name', () => {
    ingestLines([paper('First Title', { id: '2509.00001' })]);
    const result = ingestLines([paper('Second Title', { id: '2509.00001v2' })]);
    expect(result.stdout).toContain('changed "Second Title": title, abstract changed');
    expect(papers().map((p) => p.title)).toEqual(['Second Title']);
  });

  it('reports a paper moved to an earlier day by name', () => {
    ingestLines([paper('Moving Paper')]);
    const result = ingestLines([paper('Moving Paper', { date: '2025-09-17' })]);
    expect(result.stdout).toContain('changed "Moving Paper": moved from 2025-09-19 to 2025-09-17');
  });
});

describe('limits on every field', () => {
  it('refuses a 1 MB title, naming the line', () => {
    const result = ingestLines([
      paper('Fine'),
      paper('T'.repeat(1_000_000), { abstract: 'Short.' }),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /line 2: read as JSON lines: the title "T{59}…" is 1,000,000 characters, over the 300 limit/,
    );
  });

  it('cuts 100,000 authors and a 1,000,000-letter name, and says so', () => {
    const result = ingestLines([
      paper('Many Authors', {
        authors: Array.from({ length: 100_000 }, (_, i) => `Author ${i}`),
      }),
      paper('Long Name', { authors: ['x'.repeat(1_000_000), 'Ada Lovelace'] }),
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'warning: line 1: "Many Authors" lists 100,000 authors; kept the first 500',
    );
    expect(result.stderr).toContain(
      'warning: line 2: "Long Name" has an author name over 200 characters; cut',
    );
    const [many, long] = ['Many Authors', 'Long Name'].map((t) =>
      papers().find((p) => p.title === t)!,
    );
    expect(many!.authors).toHaveLength(500);
    expect(long!.authors![0]).toHaveLength(200);
    expect(long!.authors![1]).toBe('Ada Lovelace');
  });

  it('keeps upvotes only as non-negative whole numbers', () => {
    ingestLines([
      paper('Minus', { upvotes: -5 }),
      paper('Pi', { upvotes: 3.14159 }),
      paper('Huge', { upvotes: Number.MAX_VALUE }),
      paper('Fine', { upvotes: 7 }),
    ]);
    expect(Object.fromEntries(papers().map((p) => [p.title, p.upvotes]))).toEqual({
      Minus: undefined,
      Pi: undefined,
      Huge: undefined,
      Fine: 7,
    });
  });
});

/** Titles a reader would see as blank: invisible characters, fillers, marks with no letter. */
const INVISIBLE: [string, string][] = [
  ['a zero-width space', '\u200b'],
  ['a zero-width joiner and non-joiner', '\u200d\u200c'],
  ['a word joiner', '\u2060'],
  ['a byte-order mark inside spaces', ' \ufeff '],
  ['a soft hyphen', '\u00ad'],
  ['a Hangul filler', '\u3164'],
  ['a braille blank', '\u2800'],
  ['combining marks only', '\u0301\u0308'],
  ['a variation selector and a tag character', '\ufe0f\u{e0041}'],
  ['zero-width spaces between spaces', '\u200b \u200b\u00a0\u2060'],
];

const HF = readFixture('feeds/hf-api-2026-07-13.json');
const ATOM = readFixture('feeds/atom-three-entries.xml');
const RSS = readFixture('feeds/arxiv-rss-cs.LG-2026-09-24.xml');
const OAI = readFixture('feeds/oai-arxivraw.xml');
/** Each input format with its second paper's title replaced (every copy of it). */
const FORMATS: [string, string, (title: string) => string][] = [
  [
    'JSON lines',
    'jsonl',
    (title) =>
      lines([paper('A Fine Paper'), paper('Second', { title, abstract: 'Its abstract.' })]),
  ],
  [
    'Hugging Face API JSON',
    'json',
    (title) =>
      HF.replaceAll(
        '"Counting Shadows: Depth Estimation from Cast Shadows in Single Images"',
        JSON.stringify(title),
      ),
  ],
  [
    'arXiv API Atom',
    'xml',
    (title) =>
      ATOM.replace('<title>A Quiet Benchmark for Loud Models</title>', `<title>${title}</title>`),
  ],
  [
    'arXiv RSS',
    'xml',
    (title) =>
      RSS.replace(
        '<title>Learning Rate Warm-Up Is a Curvature Probe</title>',
        `<title>${title}</title>`,
      ),
  ],
  [
    'arXiv OAI-PMH',
    'xml',
    (title) => OAI.replace(/<title>(?!Gradient Gardens)[^<]*<\/title>/, `<title>${title}</title>`),
  ],
];

describe('titles that show nothing', () => {
  const lineOf = (stderr: string) => /line (\d+):/.exec(stderr)?.[1];

  it.each(
    FORMATS.flatMap(([format, ext, make]) =>
      INVISIBLE.map(([what, title]) => [format, what, ext, make, title] as const),
    ),
  )(
    '%s: refuses a title of %s like an empty one, naming the line',
    (_format, _what, ext, make, title) => {
      expect(make(title), 'the title was replaced').not.toBe(make('x'));
      const empty = ingestText(make(''), ext);
      expect(empty.code).toBe(1);
      const result = ingestText(make(title), ext);
      expect(result.code, result.stdout).toBe(1);
      expect(lineOf(result.stderr)).toBeDefined();
      expect(lineOf(result.stderr)).toBe(lineOf(empty.stderr));
      // White space a format trims (U+FEFF is white space to JavaScript) leaves no title at all.
      expect(result.stderr).toMatch(
        /title is only invisible characters \(U\+[0-9A-F]{4}|has no (?:<title>|"title")/,
      );
      expect(existsSync(join(out, 'index.json'))).toBe(false);
    },
  );

  it.each(INVISIBLE.filter(([, title]) => !/^\s*$/.test(title)))(
    'digest text: refuses a title of %s, naming its line',
    (_what, title) => {
      const digest = `Sep 19\n\nA Fine Paper\n\nIts abstract.\n\n${title}\n\nThe abstract of nothing.\n`;
      const result = ingestText(digest, 'txt', '--year', '2025');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/ line 7: a paper's title is only invisible characters/);
      expect(existsSync(join(out, 'index.json'))).toBe(false);
    },
  );

  it('refuses an abstract of invisible characters like an empty one', () => {
    const result = ingestLines([
      paper('Fine'),
      paper('Blank Abstract', { abstract: '\u200b\u2060' }),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /line 2: "Blank Abstract" has an abstract of only invisible characters \(U\+200B U\+2060\)/,
    );
  });

  it('drops authors and categories that are only invisible characters', () => {
    const result = ingestLines([
      paper('Blank Names', {
        authors: ['\u200b', 'Ada Lovelace', '\u3164\u00ad'],
        categories: ['\u2060', 'cs.LG'],
      }),
    ]);
    expect(result.code).toBe(0);
    expect(papers()[0]).toMatchObject({ authors: ['Ada Lovelace'], categories: ['cs.LG'] });
  });
});

describe('the date window', () => {
  it.each([
    [
      '9999-12-31',
      [],
      /the date 9999-12-31 is after tomorrow \(2026-11-26, UTC\); is the date mistyped\? pass --allow-future to ingest it anyway/,
    ],
    [
      '9999-12-31',
      ['--allow-future'],
      /the date 9999-12-31 is after 2027-12-31; is the year mistyped\?/,
    ],
    ['0050-01-01', [], /the date 0050-01-01 is before 1991-01-01, when arXiv began/],
  ])('refuses %s %j with a clear message', (date, flags, message) => {
    const result = ingestLines([paper('Odd Date', { date })], ...flags);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  // "Now" is 2026-11-25 12:00 UTC (see ingestLines).
  it('refuses a day after tomorrow (UTC), naming the line, the date and the flag; writes nothing', () => {
    const result = ingestLines([paper('Fine'), paper('From the Future', { date: '2027-03-01' })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^paperboy ingest: \S+\.jsonl line 2: "From the Future": the date 2027-03-01 is after tomorrow \(2026-11-26, UTC\); is the date mistyped\? pass --allow-future to ingest it anyway$/,
    );
    expect(existsSync(join(out, 'index.json'))).toBe(false);
  });

  it('takes tomorrow (a feed a time zone ahead), and a later day with --allow-future', () => {
    expect(ingestLines([paper('Tomorrow', { date: '2026-11-26' })]).code).toBe(0);
    const later = ingestLines([paper('Announced Early', { date: '2027-03-01' })], '--allow-future');
    expect(later.code).toBe(0);
    expect(papers().map((p) => p.date)).toEqual(['2026-11-26', '2027-03-01']);
  });

  it('refuses a date with text after it instead of dropping the text', () => {
    const result = ingestLines([paper('Trailing', { date: '2025-09-19 or so' })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/has the date "2025-09-19 or so", which is not a day/);
  });
});

it('keeps the seed digest ids as they were (no saved paper is lost)', () => {
  const io = { out: () => {}, err: () => {} };
  expect(runIngest([SEED_DIGEST, '--year', '2025', '--out', out], io)).toBe(0);
  const ids = papers().map((p) => p.id);
  expect(ids).toContain('sparsenerf-distilling-depth-ranking-for-few-shot-novel-view-synthesis');
  expect(new Set(ids).size).toBe(63);
});

describe('day files stay as they were when only new days arrive', () => {
  it('rewrites the similar papers, never an older day file, so offline copies stay good', () => {
    const io = { out: () => {}, err: () => {} };
    expect(runIngest([SEED_DIGEST, '--year', '2025', '--out', out], io)).toBe(0);
    const day = join(out, 'days', '2025-09-19.json');
    const similar = join(out, 'similar', '2025-09-19.json');
    const [dayBefore, similarBefore] = [readFileSync(day, 'utf8'), readFileSync(similar, 'utf8')];
    const result = ingestLines([
      paper('Sparse Mixture of Experts for Data Assimilation', {
        date: '2025-09-20',
        abstract:
          'We study sparse mixture-of-experts models for data assimilation and depth ranking in few-shot novel view synthesis.',
      }),
    ]);
    expect(result.stdout).toMatch(/wrote 1 day file/);
    expect(readFileSync(day, 'utf8')).toBe(dayBefore);
    expect(readFileSync(similar, 'utf8')).not.toBe(similarBefore);
    expect(readdirSync(join(out, 'similar')).sort()).toEqual([
      '2025-09-19.json',
      '2025-09-20.json',
    ]);
  });
});
