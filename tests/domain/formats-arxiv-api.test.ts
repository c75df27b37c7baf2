import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestError } from '../../src/domain/errors';
import { parseArxivAtom } from '../../src/domain/formats/arxiv-atom';
import { parseOaiPmh, texAccents } from '../../src/domain/formats/oai-pmh';
import type { Parsed } from '../../src/domain/formats/raw';
import { ROOT, readFixture } from '../helpers';

const feed = (name: string) => readFixture(`feeds/${name}`);

/** The error a parse throws (failing the test when it does not throw). */
function errorOf(parse: () => unknown): DigestError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DigestError);
    return error as DigestError;
  }
  throw new Error('expected a DigestError, but the input parsed');
}

/** What a reader would notice is wrong with a parsed paper's text. */
function expectCleanText(parsed: Parsed) {
  for (const p of parsed.papers) {
    for (const field of [p.title, p.abstract, p.note ?? '', ...(p.authors ?? [])]) {
      expect(field).not.toMatch(/\n|\s{2}/);
      expect(field).toBe(field.trim());
    }
    expect(p.abstract).not.toMatch(/Abstract:/);
  }
}

describe('parseArxivAtom on an arXiv API response', () => {
  const parsed = parseArxivAtom(feed('atom-three-entries.xml'));

  it('reads every entry, in feed order, with version-free ids', () => {
    expect(parsed.format).toBe('arxiv-atom');
    expect(parsed.papers.map((p) => p.arxivId)).toEqual([
      '2605.01234',
      '2605.01111',
      'hep-th/9901001',
    ]);
  });

  it('dates each paper by the day of its <published>, not <updated>', () => {
    expect(parsed.papers.map((p) => p.date)).toEqual(['2026-05-04', '2026-05-05', '1999-01-04']);
  });

  it('joins hard-wrapped titles and summaries, paragraphs included', () => {
    const [first] = parsed.papers;
    expect(first!.title).toBe('Sparse Lanterns: Pruning Attention Heads by Candlelight');
    expect(first!.abstract).toBe(
      'We prune attention heads by measuring how much light each one sheds on the next token. ' +
        'Pruned models keep 97% of their accuracy. A second paragraph says the code is released.',
    );
    expectCleanText(parsed);
  });

  it('takes authors from <name> only (no affiliation) and puts the primary category first', () => {
    expect(parsed.papers[0]!.authors).toEqual(['Ada Quill', 'Bo Lantern']);
    expect(parsed.papers[0]!.categories).toEqual(['cs.CL', 'cs.LG']);
    expect(parsed.papers[1]!.categories).toEqual(['cs.AI']);
  });

  it('keeps the arXiv comment as the note, so its project page becomes a link', () => {
    expect(parsed.papers[0]!.note).toBe('12 pages. Project page: https://example.github.io/x');
    expect(parsed.papers[1]!.note).toBeUndefined();
  });

  it('points each paper at the line of its <entry>', () => {
    const lines = feed('atom-three-entries.xml').split('\n');
    expect(parsed.papers.map((p) => p.line)).toEqual([10, 34, 47]);
    for (const p of parsed.papers) expect(lines[p.line - 1]).toMatch(/^\s*<entry>/);
  });

  it('says how many entries it read and how to get the next page', () => {
    expect(parsed.details).toEqual([
      '3 entries',
      'of 1,204 results (fetch the next page with start=3)',
    ]);
  });

  it('merges an entry repeated on the next page and says so', () => {
    const text = feed('atom-three-entries.xml');
    const entry = /<entry>[\s\S]*?<\/entry>/.exec(text)![0];
    const twice = parseArxivAtom(text.replace('</feed>', `${entry}\n</feed>`));
    expect(twice.papers).toHaveLength(3);
    expect(twice.details).toContain('1 duplicate merged');
  });
});

describe('parseArxivAtom refusals and empty results', () => {
  it('refuses the API error entry, quoting the error', () => {
    const error = errorOf(() => parseArxivAtom(feed('atom-error.xml')));
    expect(error.message).toBe(
      'line 10: read as arXiv API Atom: the arXiv API answered with an error: ' +
        '"incorrect id format for 2605.9"; fix the query (search_query, id_list, start, max_results) and fetch again',
    );
  });

  it('returns no papers, without throwing, when the query matched nothing', () => {
    expect(parseArxivAtom(feed('atom-empty.xml'))).toEqual({
      format: 'arxiv-atom',
      papers: [],
      details: ['0 entries (the query matched nothing)'],
    });
  });

  it('says when start= is past the last result', () => {
    const past = feed('atom-empty.xml')
      .replace('<opensearch:totalResults>0', '<opensearch:totalResults>40')
      .replace('<opensearch:startIndex>0', '<opensearch:startIndex>100');
    expect(parseArxivAtom(past).details).toEqual([
      '0 entries (start=100 is past the last of 40 results)',
    ]);
  });

  it('names the entry, its arXiv id, the missing element and the line', () => {
    const text = feed('atom-three-entries.xml');
    expect(
      errorOf(() =>
        parseArxivAtom(text.replace('<title>A Quiet Benchmark for Loud Models</title>', '')),
      ).message,
    ).toBe(
      'line 34: read as arXiv API Atom: entry 2 (arXiv id 2605.01111) has no <title>; is the response cut short?',
    );
    expect(
      errorOf(() => parseArxivAtom(text.replace(/<summary>An entry[^<]*<\/summary>/, ''))).message,
    ).toBe(
      'line 47: read as arXiv API Atom: entry 3 (arXiv id hep-th/9901001) ("Old-Style Identifiers Still Parse") has no <summary>; is the response cut short?',
    );
  });

  it('asks for --date when <published> is missing, and uses it when given', () => {
    const text = feed('atom-three-entries.xml').replace(
      '<published>2026-05-05T00:30:00Z</published>',
      '',
    );
    expect(errorOf(() => parseArxivAtom(text)).message).toBe(
      'line 34: read as arXiv API Atom: entry 2 (arXiv id 2605.01111) has no <published> date; pass --date YYYY-MM-DD',
    );
    expect(parseArxivAtom(text, { date: '2026-05-06' }).papers[1]!.date).toBe('2026-05-06');
    expect(
      errorOf(() =>
        parseArxivAtom(feed('atom-three-entries.xml').replace('1999-01-04T10:00:00Z', 'yesterday')),
      ).message,
    ).toMatch(
      /entry 3 \(arXiv id hep-th\/9901001\) has the <published> date "yesterday", which is not a day/,
    );
  });

  it('refuses files that are not Atom, naming the format and the line', () => {
    expect(errorOf(() => parseArxivAtom('<rss><channel/></rss>')).message).toBe(
      'line 1: read as arXiv API Atom: this arXiv API response has the root element <rss>, not <feed>; is it the right file?',
    );
    expect(errorOf(() => parseArxivAtom('')).message).toMatch(
      /^read as arXiv API Atom: .* is empty/,
    );
    const cut = feed('atom-three-entries.xml').slice(0, 1200);
    expect(errorOf(() => parseArxivAtom(cut)).message).toMatch(
      /^line \d+: read as arXiv API Atom: this arXiv API response is not well-formed XML/,
    );
  });
});

describe('parseOaiPmh on an arXivRaw ListRecords response', () => {
  const parsed = parseOaiPmh(feed('oai-arxivraw.xml'));

  it('reads the live records, skips the deleted one and counts it', () => {
    expect(parsed.format).toBe('arxiv-oai');
    expect(parsed.papers.map((p) => p.arxivId)).toEqual([
      '2605.02001',
      '2605.02003',
      'hep-th/0605004',
    ]);
    expect(parsed.details).toEqual([
      '3 records',
      '1 deleted record skipped',
      'more records follow (resumptionToken 6161|1001, 7 records in all): harvest the next page',
    ]);
  });

  it('dates each paper by its first version, even when v1 is listed after v2', () => {
    expect(parsed.papers.map((p) => p.date)).toEqual(['2026-05-01', '2026-05-02', '2006-05-03']);
  });

  it('falls back to the earliest version when none is called v1', () => {
    const noV1 = parseOaiPmh(feed('oai-arxivraw.xml').replaceAll('version="v1"', 'version="v9"'));
    expect(noV1.papers.map((p) => p.date)).toEqual(['2026-05-01', '2026-05-02', '2006-05-03']);
  });

  it('joins the wrapped title and abstract', () => {
    expect(parsed.papers[0]!.title).toBe(
      'Gradient Gardens: Growing Decision Trees with Differentiable Soil',
    );
    expect(parsed.papers[0]!.abstract).toMatch(
      /^We grow decision trees in differentiable soil\. Each split is watered by a gradient,/,
    );
    expectCleanText(parsed);
  });

  it('splits authors on commas and "and", without affiliations, TeX accents written out', () => {
    expect(parsed.papers[0]!.authors).toEqual(['Elm Rootsworth', 'Fern Mossley', 'Hazel Twig']);
    expect(parsed.papers[1]!.authors).toEqual(['Q. Bitwell', 'Jean-Luc Fréchette']);
  });

  it('splits categories with the primary first, and keeps comments as the note', () => {
    expect(parsed.papers.map((p) => p.categories)).toEqual([
      ['cs.LG', 'stat.ML'],
      ['quant-ph'],
      ['hep-th', 'gr-qc'],
    ]);
    expect(parsed.papers[0]!.note).toBe('v3: typos fixed. Code: https://example.org/gardens');
    expect(parsed.papers[1]!.note).toBeUndefined();
  });

  it('points each paper at the line of its <record>', () => {
    const lines = feed('oai-arxivraw.xml').split('\n');
    expect(parsed.papers.map((p) => p.line)).toEqual([6, 29, 41]);
    for (const p of parsed.papers) expect(lines[p.line - 1]).toBe('<record>');
  });

  it('names the record, its arXiv id, the missing element and the line', () => {
    const text = feed('oai-arxivraw.xml');
    expect(
      errorOf(() => parseOaiPmh(text.replace(/<abstract>\s*Two teacups[^<]*<\/abstract>/, '')))
        .message,
    ).toBe(
      'line 29: read as arXiv OAI-PMH: record 3 (arXiv id 2605.02003) ("Entangled Teacups") has no <abstract>; is the response cut short?',
    );
    expect(
      errorOf(() => parseOaiPmh(text.replace('<title>Entangled Teacups</title>', ''))).message,
    ).toBe(
      'line 29: read as arXiv OAI-PMH: record 3 (arXiv id 2605.02003) has no <title>; is the response cut short?',
    );
    expect(
      errorOf(() => parseOaiPmh(text.replace(/<date>Sat[^<]*<\/date>/, '<date></date>'))).message,
    ).toMatch(/^line 29: .*record 3 \(arXiv id 2605\.02003\) has no <version> with a <date>/);
  });

  it('refuses metadata in another format, saying which prefix to ask for', () => {
    const dc = feed('oai-arxivraw.xml').replace(
      /<arXivRaw [\s\S]*?<\/arXivRaw>/,
      '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">T</dc:title></oai_dc:dc>',
    );
    expect(errorOf(() => parseOaiPmh(dc)).message).toBe(
      'line 6: read as arXiv OAI-PMH: record 1 (arXiv id 2605.02001) has <dc> metadata, not arXivRaw or arXiv; harvest with metadataPrefix=arXivRaw',
    );
  });
});

describe('parseOaiPmh on an arXiv-format ListRecords response', () => {
  const parsed = parseOaiPmh(feed('oai-arxiv.xml'));

  it('dates by <created> and builds names from forenames, keyname and suffix', () => {
    expect(parsed.papers.map((p) => [p.arxivId, p.date, p.line])).toEqual([
      ['2605.03001', '2026-05-03', 6],
      ['2605.03002', '2026-05-04', 20],
    ]);
    expect(parsed.papers[0]!.authors).toEqual(['Piper J. Marlow', 'Rex Stone Jr', 'Ines Müller']);
    expect(parsed.papers[0]!.authors!.join()).not.toMatch(/Harbour/);
    expect(parsed.papers[0]!.title).toBe('Tidal Schedules for Learning-Rate Warmup');
    expect(parsed.papers[0]!.categories).toEqual(['cs.LG', 'math.OC']);
    expect(parsed.papers[0]!.note).toBe('Accepted at an invented workshop');
    expectCleanText(parsed);
  });

  it('says nothing of a resumptionToken that is empty (the last page)', () => {
    expect(parsed.details).toEqual(['2 records']);
  });
});

describe('parseOaiPmh errors', () => {
  it('returns no papers for noRecordsMatch', () => {
    const parsed = parseOaiPmh(feed('oai-no-records.xml'));
    expect(parsed.papers).toEqual([]);
    expect(parsed.details).toHaveLength(1);
    expect(parsed.details[0]).toMatch(/^0 records \(noRecordsMatch: The combination/);
  });

  it('refuses any other OAI-PMH error, naming the code, the message and the fix', () => {
    expect(errorOf(() => parseOaiPmh(feed('oai-bad-token.xml'))).message).toBe(
      'line 5: read as arXiv OAI-PMH: the OAI-PMH server answered with the error badResumptionToken ' +
        '("Invalid or expired resumptionToken"); the resumptionToken has expired or is wrong; start the harvest again',
    );
  });

  it('gives a generic fix for a code it does not know', () => {
    const odd = feed('oai-bad-token.xml').replace('badResumptionToken', 'constructor');
    expect(errorOf(() => parseOaiPmh(odd)).message).toMatch(
      /the error constructor \("Invalid or expired resumptionToken"\); fix the request and harvest again$/,
    );
  });

  it('refuses an OAI-PMH answer to another verb', () => {
    const identify =
      '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-05-06T10:00:00Z</responseDate>' +
      '<Identify><repositoryName>arXiv</repositoryName></Identify></OAI-PMH>';
    expect(errorOf(() => parseOaiPmh(identify)).message).toBe(
      'line 1: read as arXiv OAI-PMH: this OAI-PMH response has no <ListRecords> (it answers Identify); harvest with verb=ListRecords&metadataPrefix=arXivRaw',
    );
  });
});

describe('texAccents', () => {
  it('writes out the TeX accents arXiv keeps in submitted names', () => {
    expect(texAccents("Jean-Claude L\\'eon")).toBe('Jean-Claude Léon');
    expect(texAccents("J\\\"{o}rg Fran\\c{c}ois {\\'E}mile L\\'{\\i}dia")).toBe(
      'Jörg François Émile Lídia',
    );
    expect(texAccents('Pawe\\l{} Ko\\v{c}i Bj\\o rn')).toBe('Paweł Koči Bjørn');
    expect(texAccents('Plain Name')).toBe('Plain Name');
  });
});

describe('hostile input', () => {
  const inputs = [
    feed('atom-three-entries.xml'),
    feed('atom-error.xml'),
    feed('oai-arxivraw.xml'),
    feed('oai-arxiv.xml'),
    feed('oai-no-records.xml'),
  ];
  const parsers = [parseArxivAtom, parseOaiPmh];

  /** Runs both parsers; anything thrown must be a DigestError. */
  function onlyDigestErrors(text: string) {
    for (const parse of parsers) {
      try {
        parse(text);
      } catch (error) {
        if (!(error instanceof DigestError)) throw error;
      }
    }
  }

  it('throws nothing but DigestError on cut, spliced and random text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...inputs),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 40 }),
        (text, a, b, insert) => {
          const i = a % (text.length + 1);
          const j = i + (b % 200);
          onlyDigestErrors(text.slice(0, i));
          onlyDigestErrors(text.slice(0, i) + insert + text.slice(j));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws nothing but DigestError on elements in odd shapes', () => {
    for (const text of [
      '<feed><entry>plain text</entry></feed>',
      '<feed><entry><title><b>x</b></title><summary>s</summary></entry></feed>',
      '<feed><entry><id>1</id><id>2</id><title>t</title><summary>s</summary><published>x</published></entry></feed>',
      '<feed>' + '<a>'.repeat(100_000) + '</a>'.repeat(100_000) + '</feed>',
      '<feed><entry><__proto__>x</__proto__></entry></feed>',
      '<OAI-PMH><ListRecords><record>x</record></ListRecords></OAI-PMH>',
      '<OAI-PMH><ListRecords><record><metadata><arXivRaw><version>v</version></arXivRaw></metadata></record></ListRecords></OAI-PMH>',
      '<OAI-PMH><ListRecords><record><metadata><arXiv><authors>x</authors><title>t</title><abstract>a</abstract><created>2026-02-30</created></arXiv></metadata></record></ListRecords></OAI-PMH>',
      '<OAI-PMH><error>no code</error></OAI-PMH>',
      '<OAI-PMH><error code="constructor">x</error></OAI-PMH>',
      '<!DOCTYPE feed [<!ENTITY a "aaaa">]><feed/>',
      '\u0000\u0001',
    ])
      onlyDigestErrors(text);
  });
});

const REAL = join(ROOT, '../shared/real-feeds');
const hasReal = existsSync(REAL);
if (!hasReal)
  console.warn(
    `formats-arxiv-api: the shared real feeds are missing (${REAL}), so the tests on real arXiv API and OAI-PMH responses were skipped`,
  );
const real = (name: string) => readFileSync(join(REAL, name), 'utf8');
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;

describe.skipIf(!hasReal)('real recorded arXiv API and OAI-PMH responses', () => {
  it('arXiv API cs.AI+cs.LG, 2026-07-13: 50 entries published 2026-07-10', () => {
    const parsed = parseArxivAtom(real('arxiv-api-atom-cs-AI-LG-2026-07-13.xml'));
    expect(parsed.papers).toHaveLength(50);
    expect(parsed.details).toEqual([
      '50 entries',
      'of 386,601 results (fetch the next page with start=50)',
    ]);
    expect(new Set(parsed.papers.map((p) => p.date))).toEqual(new Set(['2026-07-10']));
    const [first] = parsed.papers;
    expect(first!.title).toBe(
      'PHINN-EEG: Topological Time-Series Analysis of Dream-State EEG -- Dynamic Betti Curves for Dream Content Classification and Topology-Conditioned Neural Signal Synthesis',
    );
    expect(first!.arxivId).toBe('2607.09662');
    expect(first!.authors).toEqual(['Ren Takahashi', 'Emre Yusuf', 'Jayabrata Bhaduri']);
    expect(first!.categories).toEqual(['q-bio.NC', 'cs.AI', 'cs.LG', 'eess.SP', 'math.AT']);
    expect(first!.line).toBe(10);
    expect(parsed.papers.at(-1)!.arxivId).toBe('2607.09417');
    expect(parsed.papers.filter((p) => p.note)).toHaveLength(19);
    // One entry lists a lone ":" as an author after "The Soofi-Team"; it is not a name.
    const soofi = parsed.papers.find((p) => p.arxivId === '2607.09424');
    expect(soofi!.authors![0]).toBe('The Soofi-Team');
    expect(soofi!.authors).not.toContain(':');
  });

  it('arXiv API cs.AI+cs.LG+cs.CL, 2026-08-02: 25 entries published 2026-07-30', () => {
    const parsed = parseArxivAtom(real('arxiv-api-atom-cs-AI-LG-CL-2026-08-02.xml'));
    expect(parsed.papers).toHaveLength(25);
    expect(new Set(parsed.papers.map((p) => p.date))).toEqual(new Set(['2026-07-30']));
    expect(parsed.papers[0]!.title).toBe('Learning to Trace Seiberg Dualities');
    expect(parsed.papers[0]!.authors![0]).toBe('Jonathan J. Heckman');
    expect(parsed.papers[0]!.categories![0]).toBe('hep-th');
    expect(parsed.papers.filter((p) => p.note)).toHaveLength(11);
  });

  it('arXiv API "transformer" query: 5 entries, the project page in the comment', () => {
    const parsed = parseArxivAtom(real('04_arxiv-api-atom_transformer_2026-06-14.xml'));
    expect(parsed.papers.map((p) => p.arxivId)).toEqual([
      '2606.13677',
      '2606.13591',
      '2606.13568',
      '2606.13515',
      '2606.13501',
    ]);
    expect(parsed.papers[0]!.note).toBe('Project Page: https://zhaohengyin.github.io/mana');
    expect(parsed.papers[0]!.categories![0]).toBe('cs.RO');
  });

  it('OAI-PMH arXivRaw, first 50 records of a 2014 harvest', () => {
    const parsed = parseOaiPmh(real('arxiv-oai-pmh-ListRecords-arXivRaw-2014-01-16-first50.xml'));
    expect(parsed.papers).toHaveLength(50);
    expect(parsed.details).toEqual([
      '50 records',
      'more records follow (resumptionToken 496549|47001, 907,096 records in all): harvest the next page',
    ]);
    const [first, second] = parsed.papers;
    expect(first).toMatchObject({
      arxivId: '0801.3673',
      title: 'Variational Functionals for Excited States',
      authors: ['Naoum C. Bacalis'],
      date: '2008-01-23',
      categories: ['quant-ph'],
      note: '4 pages',
      line: 6,
    });
    expect(second).toMatchObject({
      arxivId: '0801.3674',
      title: 'A Study of Structure Formation and Reheating in the D3/D7 Brane Inflation Model',
      authors: ['Robert H. Brandenberger', 'Keshav Dasgupta', 'Anne-Christine Davis'],
      date: '2008-01-23',
      categories: ['hep-th', 'astro-ph', 'gr-qc', 'hep-ph'],
    });
    // v1 dates, checked with Python's email.utils: 10 on Jan 23, 40 on Jan 24.
    const days = new Map<string, number>();
    for (const p of parsed.papers) days.set(p.date, (days.get(p.date) ?? 0) + 1);
    expect(Object.fromEntries(days)).toEqual({ '2008-01-23': 10, '2008-01-24': 40 });
    expect(parsed.papers.filter((p) => p.note)).toHaveLength(42);
    expect(parsed.papers.find((p) => p.arxivId === '0801.3715')!.authors).toEqual([
      'Annie Ressouche',
      'Daniel Gaffé',
      'Valérie Roy',
    ]);
  });

  it('every real paper has a version-free id, a title and a one-line abstract', () => {
    for (const [name, parse] of [
      ['arxiv-api-atom-cs-AI-LG-2026-07-13.xml', parseArxivAtom],
      ['arxiv-api-atom-cs-AI-LG-CL-2026-08-02.xml', parseArxivAtom],
      ['04_arxiv-api-atom_transformer_2026-06-14.xml', parseArxivAtom],
      ['arxiv-oai-pmh-ListRecords-arXivRaw-2014-01-16-first50.xml', parseOaiPmh],
    ] as const) {
      const parsed = parse(real(name));
      for (const p of parsed.papers) {
        expect(p.arxivId, name).toMatch(ARXIV_ID);
        expect(p.title.length, name).toBeGreaterThan(5);
        expect(p.abstract.length, name).toBeGreaterThan(100);
        expect(p.authors?.length, name).toBeGreaterThan(0);
        for (const a of p.authors!) expect(a, name).not.toMatch(/[()\\]|^and\b|\band$/);
      }
      expectCleanText(parsed);
    }
  });
});
