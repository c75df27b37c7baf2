import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPaper } from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import { bibtexEscape, markdownEscape, toBibtex, toMarkdown } from '../../src/domain/export';
import { isNewPaper } from '../../src/domain/visits';
import { newCounts, sinceLabel } from '../../src/app/feed/since-last-visit';
import { readExportFile, toExportFile } from '../../src/store/transfer';
import { EMPTY_PERSONAL } from '../../src/store/personal';
import { seedText } from '../helpers';

const papers = parseDigest(seedText(), { year: 2025 }).map(buildPaper);
const withMeta = {
  ...papers.find((p) => p.title.startsWith('R-Sparse'))!,
  authors: ['Zhenyu Zhang', 'Zechun Liu'],
  arxivId: '2504.19449',
};

describe('BibTeX', () => {
  it('writes one entry per paper with a unique key, arXiv fields and escaped text', () => {
    const bib = toBibtex([withMeta, { ...withMeta, id: 'twin' }]);
    expect(bib.match(/@misc\{zhang2025sparse(2)?,/g)).toEqual([
      '@misc{zhang2025sparse,',
      '@misc{zhang2025sparse2,',
    ]);
    expect(bib).toContain('author = {Zhenyu Zhang and Zechun Liu}');
    expect(bib).toContain('eprint = {2504.19449}');
    expect(bib).toContain('url = {https://arxiv.org/abs/2504.19449}');
    expect(bibtexEscape('50% of {x} & $y_1$ ~ \\z')).toBe(
      '50\\% of \\textbraceleft{}x\\textbraceright{} \\& \\$y\\_1\\$ \\textasciitilde{} \\textbackslash{}z',
    );
  });

  it('round-trips any title, authors and note through a BibTeX parser, braces balanced', () => {
    const text = fc
      .array(
        fc.constantFrom('{', '}', '\\', '~', '^', '&', '%', '$', '#', '_', 'Sparse', ' ', 'é', 'x'),
        {
          minLength: 1,
          maxLength: 20,
        },
      )
      .map((a) => a.join('').replace(/\s+/g, ' ').trim())
      .filter((t) => /\S/.test(t));
    fc.assert(
      fc.property(text, text, (title, note) => {
        const paper = { ...withMeta, title, authors: ['Ada Lovelace'] };
        const bib = toBibtex([paper], { [paper.id]: note });
        // BibTeX counts every brace: they must balance whatever the text.
        let depth = 0;
        for (const c of bib) {
          depth += c === '{' ? 1 : c === '}' ? -1 : 0;
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
        const parsed = parseBibtex(bib, { sentenceCase: false });
        expect(parsed.errors).toEqual([]);
        expect(parsed.entries).toHaveLength(1);
        expect(parsed.entries[0]!.fields.title).toBe(title);
        expect(parsed.entries[0]!.fields.annote).toBe(note);
      }),
      { seed: 21, numRuns: 60 },
    );
    // The parser is slow to start (its Unicode tables): room for a busy machine.
  }, 120_000);
});

describe('BibTeX from hostile records (issue 24 item 4)', () => {
  const hostile = {
    ...papers[0]!,
    id: 'hostile',
    arxivId: '2504.19449}@preamble{"owned"}',
    title: 'A title}\n@preamble{"owned"} {',
    authors: ['Eve }@comment{', 'Mallory \\ # %'],
    abstract: 'Line one.\n@preamble{"owned"}\n}} % not a comment # not a join',
    links: [
      { kind: 'code' as const, url: 'https://example.org/a}@preamble{"owned"}b c\\d%7E#top' },
    ],
  };

  it('keeps every field inside its entry: one entry per paper, parsed back to what was written', () => {
    const bib = toBibtex([hostile, withMeta], { hostile: 'note }\n@misc{x,' });
    const parsed = parseBibtex(bib, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.type)).toEqual(['misc', 'misc']);
    expect(bib.match(/^@\w+/gm)).toEqual(['@misc', '@misc']);
    const [entry] = parsed.entries;
    expect(entry!.fields.title).toBe(hostile.title.replace(/\s+/g, ' '));
    expect(entry!.fields.abstract).toBe(hostile.abstract.replace(/\s+/g, ' '));
    expect(entry!.fields.annote).toBe('note } @misc{x,');
    // Not an arXiv id: no eprint field, and the code link is the url, its specials percent-encoded.
    expect(entry!.fields.eprint).toBeUndefined();
    expect(entry!.fields.url).toBe(
      'https://example.org/a%7D@preamble%7B%22owned%22%7Db%20c%5Cd%7E#top',
    );
    expect(decodeURI(entry!.fields.url as string)).toBe(
      'https://example.org/a}@preamble{"owned"}b c\\d~#top',
    );
  }, 120_000);
});

describe('Markdown reading list', () => {
  it('lists title, date, arXiv id, authors, topics and links; markup in titles is escaped', () => {
    const md = toMarkdown([
      withMeta,
      { ...papers[0]!, title: '[click](javascript:alert(1)) *bold*' },
    ]);
    expect(md).toContain('## R-Sparse: Rank-Aware Activation Sparsity for Efficient LLM Inference');
    expect(md).toContain('- arXiv: [2504.19449](https://arxiv.org/abs/2504.19449)');
    expect(md).toContain('- Authors: Zhenyu Zhang, Zechun Liu');
    expect(md).toContain('## \\[click\\]\\(javascript:alert\\(1\\)\\) \\*bold\\*');
    expect(markdownEscape('a_b')).toBe('a\\_b');
  });

  it("carries the reader's notes, escaped, in both formats", () => {
    const notes = { [withMeta.id]: 'Try on our *LLM*;\nsee {ch. 3} & [x](javascript:1)' };
    const md = toMarkdown([withMeta, papers[0]!], 'Saved papers', notes);
    expect(md).toContain('> Try on our \\*LLM\\*;\n> see \\{ch. 3\\} & \\[x\\]\\(javascript:1\\)');
    expect(md.match(/^> /gm)).toHaveLength(2);
    const bib = toBibtex([withMeta, papers[0]!], notes);
    expect(bib).toContain(
      'annote = {Try on our *LLM*; see \\textbraceleft{}ch. 3\\textbraceright{} \\& [x](javascript:1)}',
    );
    expect(bib.match(/annote = /g)).toHaveLength(1);
  });
});

describe('export file', () => {
  it('round-trips personal data and rejects what is not an export', () => {
    const state = {
      ...EMPTY_PERSONAL,
      saved: { [withMeta.id]: { date: withMeta.date, title: withMeta.title, savedAt: 1 } },
      followed: ['llm'],
    };
    const text = JSON.stringify(toExportFile(state, new Date('2025-09-20T00:00:00Z')));
    const back = readExportFile(text);
    expect(back.ok && back.state.saved).toEqual(state.saved);
    expect(back.ok && back.state.followed).toEqual(['llm']);
    expect(readExportFile('nope')).toEqual({
      ok: false,
      error: 'That file is not JSON. Choose a file exported from Paperboy (paperboy-data-….json).',
    });
    expect(readExportFile('{"kind":"paperboy-personal-data","version":9,"data":{}}')).toMatchObject(
      { ok: false, error: expect.stringContaining('version 9') },
    );
  });
});

describe('since your last visit', () => {
  it('counts papers of unseen days in followed topics', () => {
    const p = { ...papers[0]!, date: '2025-09-22', topics: ['sparsity'] };
    expect(isNewPaper(p, '2025-09-19', ['sparsity'])).toBe(true);
    expect(isNewPaper(p, '2025-09-19', ['llm'])).toBe(false);
    expect(isNewPaper(p, '2025-09-22', ['sparsity'])).toBe(false);
    expect(isNewPaper(p, null, [])).toBe(false);
    const days: { date: string; count: number; topics: Record<string, number> }[] = [
      { date: '2025-09-19', count: 5, topics: { sparsity: 3 } },
      { date: '2025-09-22', count: 7, topics: { sparsity: 4, llm: 2 } },
    ];
    expect(newCounts(days, '2025-09-19', ['sparsity', 'llm'])).toEqual({
      total: 7,
      perTopic: [
        { topic: 'sparsity', count: 4 },
        { topic: 'llm', count: 2 },
      ],
    });
  });

  it('names the day of the last visit', () => {
    const now = new Date(2025, 8, 25, 9).getTime();
    expect(sinceLabel(new Date(2025, 8, 25, 7).getTime(), now)).toBe('since earlier today');
    expect(sinceLabel(new Date(2025, 8, 24, 7).getTime(), now)).toBe('since yesterday');
    expect(sinceLabel(new Date(2025, 8, 23, 7).getTime(), now)).toBe('since Tuesday');
    expect(sinceLabel(new Date(2025, 8, 12, 7).getTime(), now)).toBe('since Sep 12');
  });
});
