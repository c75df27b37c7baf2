/**
 * Every recorded real input in ../shared/real-feeds (never copied into this repo) ingests as
 * given, with the right papers, days, authors and version-free arXiv ids, and no feed residue.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest-cli';
import type { Paper } from '../../src/domain/schema';
import { ROOT } from '../helpers';

const FEEDS = join(ROOT, '../shared/real-feeds');
const present = existsSync(FEEDS);
if (!present)
  console.warn(
    `${FEEDS} is missing: the real-feed ingest tests are skipped (CI has ../shared; see README).`,
  );

const dir = mkdtempSync(join(tmpdir(), 'paperboy-real-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ingestFeed(name: string, ...flags: string[]) {
  const out = join(dir, `${name}-${flags.join('')}`);
  const lines: string[] = [];
  const code = runIngest([join(FEEDS, name), '--out', out, ...flags], {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  const days = new Map<string, Paper[]>();
  if (existsSync(join(out, 'days')))
    for (const f of readdirSync(join(out, 'days')))
      days.set(f.slice(0, 10), JSON.parse(readFileSync(join(out, 'days', f), 'utf8')).papers);
  return { code, output: lines.join('\n'), days, papers: [...days.values()].flat() };
}

interface Expected {
  file: string;
  format: string;
  /** Papers per day. */
  days: Record<string, number>;
  first: { id?: string; title: string; author?: string; authors?: number };
  summary?: RegExp;
}

const EXPECTED: Expected[] = [
  {
    file: '01_hf-papers-page-text-capture_2026-06-29.txt',
    format: 'Hugging Face papers page',
    days: { '2026-06-29': 11 },
    first: { title: 'MURMUR: An Efficient Inference System for Long-Form ASR' },
  },
  {
    file: '02_hf-api-daily_papers_2026-06-12.json',
    format: 'Hugging Face daily-papers API',
    days: { '2026-06-12': 30 },
    first: {
      id: '2606.00467',
      title:
        'On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on Annotation Task Performance',
      author: 'Etienne Casanova',
      authors: 3,
    },
  },
  {
    file: 'hf-daily-papers-api-2026-07-13.json',
    format: 'Hugging Face daily-papers API',
    days: { '2026-07-10': 11, '2026-07-13': 14 },
    first: {
      id: '2607.07673',
      title:
        'MedPMC: A Systematic Framework for Scaling High-Fidelity Medical Multimodal Data for Foundation Models',
      author: 'Hyunjae Kim',
      authors: 28,
    },
  },
  {
    file: 'hf-daily-papers-api-2026-07-31.json',
    format: 'Hugging Face daily-papers API',
    days: { '2026-07-31': 30 },
    first: {
      id: '2607.23193',
      title: 'OmniScope: Modality-Decoupled Token Compression for Omnimodal Large Language Models',
      author: 'Jinsen Su',
      authors: 6,
    },
  },
  {
    file: '03_arxiv-rss_cs.LG+cs.AI+cs.CL+stat.ML_2026-09-24.xml',
    format: 'arXiv RSS',
    days: { '2026-09-24': 3 },
    first: {
      id: '2609.26811',
      title: 'The Drift Contract: Spectral Updates for Depth-Robust Local Learning',
    },
    summary: /2 new, 1 cross-list, 1 replacement skipped/,
  },
  {
    file: 'arxiv-rss-quant-ph-2025-04-28.xml',
    format: 'arXiv RSS',
    days: { '2025-04-28': 50 },
    first: {
      id: '2504.17830',
      title: 'Self-Adjoint Time Operator in a Weighted Energy Space',
      author: 'Radmir Kokoulin',
      authors: 1,
    },
    summary: /40 new, 10 cross-lists, 31 replacements skipped/,
  },
  {
    file: 'arxiv-rss-cs-AI-2026-04-27-upstream-trimmed.xml',
    format: 'arXiv RSS',
    days: { '2026-04-27': 3 },
    first: {
      id: '2604.21935',
      title: 'Math Takes Two: A test for emergent mathematical reasoning in communication',
      author: 'Michael Cooper',
    },
  },
  {
    file: '04_arxiv-api-atom_transformer_2026-06-14.xml',
    format: 'arXiv API Atom',
    days: { '2026-06-11': 5 },
    first: { id: '2606.13677', title: 'Mana: Dexterous Manipulation of Articulated Tools' },
  },
  {
    file: 'arxiv-api-atom-cs-AI-LG-2026-07-13.xml',
    format: 'arXiv API Atom',
    days: { '2026-07-10': 50 },
    first: { id: '2607.09662', title: 'PHINN-EEG', author: 'Ren Takahashi' },
  },
  {
    file: 'arxiv-api-atom-cs-AI-LG-CL-2026-08-02.xml',
    format: 'arXiv API Atom',
    days: { '2026-07-30': 25 },
    first: {
      id: '2607.28628',
      title: 'Learning to Trace Seiberg Dualities',
      author: 'Jonathan J. Heckman',
    },
  },
  {
    file: 'arxiv-oai-pmh-ListRecords-arXivRaw-2014-01-16-first50.xml',
    format: 'arXiv OAI-PMH',
    days: {},
    first: {
      id: '0801.3673',
      title: 'Variational Functionals for Excited States',
      author: 'Naoum C. Bacalis',
    },
  },
  {
    file: '05_daily-arxiv-ai-enhanced_2026-07-01.jsonl',
    format: 'JSON lines',
    days: { '2026-07-01': 301 },
    first: {
      id: '2606.30776',
      title: 'Optimal Auctions for Constrained Buyers',
      author: 'Batya Berzack',
      authors: 3,
    },
    summary: /301 papers, 70 duplicates merged/,
  },
  {
    file: '07_arxiv-list-stat.ML-new_2025-12-05_excerpt.txt',
    format: 'arXiv listing page',
    days: { '2025-12-05': 1 },
    first: {
      id: '2512.04392',
      title: 'Informative missingness and its implications in semi-supervised learning',
      author: 'Jinran Wu',
      authors: 3,
    },
  },
];

describe.skipIf(!present)('every recorded real input ingests as given', () => {
  it('covers every data file in ../shared/real-feeds', () => {
    const files = readdirSync(FEEDS).filter((f) => f !== 'SOURCES.md');
    expect(files.sort()).toEqual(EXPECTED.map((e) => e.file).sort());
  });

  it.each(EXPECTED)('$file', (expected) => {
    const { code, output, days, papers } = ingestFeed(expected.file);
    expect(output).not.toMatch(/paperboy ingest:/);
    expect(code).toBe(0);
    expect(output).toContain(`as ${expected.format}: `);
    if (expected.summary) expect(output).toMatch(expected.summary);
    if (Object.keys(expected.days).length)
      expect(Object.fromEntries([...days].map(([d, p]) => [d, p.length]))).toEqual(expected.days);
    const first = expected.first.id
      ? papers.find((p) => p.arxivId === expected.first.id)
      : papers.find((p) => p.title === expected.first.title);
    expect(first, `paper ${expected.first.id ?? expected.first.title}`).toBeDefined();
    expect(first!.title.startsWith(expected.first.title)).toBe(true);
    if (expected.first.author) expect(first!.authors?.[0]).toBe(expected.first.author);
    if (expected.first.authors) expect(first!.authors).toHaveLength(expected.first.authors);
    for (const paper of papers) {
      if (paper.arxivId)
        expect(paper.arxivId).toMatch(/^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/);
      for (const text of [paper.title, paper.abstract]) {
        expect(text).not.toMatch(/\n|\s{2}|^\s|\s$/);
        expect(text).not.toMatch(/Announce Type:|^Abstract:|^arXiv:\d|\]\[\d+\]/);
        expect(text).not.toMatch(/\\(?:emph|textbf|textit|mbox|cite\w*)\{/);
      }
      for (const author of paper.authors ?? [])
        expect(author).not.toMatch(/^\s|\s$|[()]|^and\b|\band$|^\d+ authors$/);
    }
  });

  it('reads the HF page capture: votes before each title, comments beside the published date', () => {
    const { papers } = ingestFeed('01_hf-papers-page-text-capture_2026-06-29.txt');
    const gemini = papers.find((p) => p.title.startsWith('Gemini 1.5'))!;
    expect(gemini).toMatchObject({ upvotes: 65, comments: 6 });
    expect(papers.find((p) => p.title.startsWith('MURMUR'))!.upvotes).toBe(0);
    expect(papers.find((p) => p.title.startsWith('StepAudio'))).toMatchObject({
      upvotes: 49,
      comments: 2,
    });
    expect(papers.find((p) => p.title.startsWith('MURMUR'))!.links).toEqual([
      { kind: 'code', url: 'https://github.com/uw-syfi/Murmur' },
    ]);
  });

  it('takes arXiv RSS replacements only when asked', () => {
    const { papers, output } = ingestFeed(
      'arxiv-rss-quant-ph-2025-04-28.xml',
      '--include-replacements',
    );
    expect(papers).toHaveLength(81);
    expect(output).toMatch(/40 new, 10 cross-lists, 31 replacements(?! skipped)/);
  });

  it('turns HF githubRepo and projectPage into links, and keeps votes and comments', () => {
    const { papers } = ingestFeed('hf-daily-papers-api-2026-07-13.json');
    const medpmc = papers.find((p) => p.arxivId === '2607.07673')!;
    expect(medpmc.links).toContainEqual({
      kind: 'code',
      url: 'https://github.com/Yale-BIDS-Chen-Lab/MedPMC',
    });
    expect(medpmc).toMatchObject({ upvotes: 0, comments: 1 });
  });

  it('drops affiliations from OAI-PMH authors and dates a paper by its first version', () => {
    const { papers } = ingestFeed('arxiv-oai-pmh-ListRecords-arXivRaw-2014-01-16-first50.xml');
    expect(papers).toHaveLength(50);
    const brane = papers.find((p) => p.arxivId === '0801.3674')!;
    expect(brane.authors).toEqual([
      'Robert H. Brandenberger',
      'Keshav Dasgupta',
      'Anne-Christine Davis',
    ]);
    expect(brane.date).toBe('2008-01-23');
  });

  it('merges the same paper from arXiv and Hugging Face into one, by arXiv id', () => {
    const out = join(dir, 'merged');
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const atom = join(FEEDS, 'arxiv-api-atom-cs-AI-LG-CL-2026-08-02.xml');
    const hf = join(FEEDS, 'hf-daily-papers-api-2026-07-31.json');
    expect(runIngest([atom, '--out', out], io)).toBe(0);
    expect(runIngest([hf, '--out', out], io)).toBe(0);
    expect(lines.filter((l) => l.startsWith('ingested')).at(-1)).toMatch(
      /\(27 new, 3 already on an earlier day \(3 given new votes/,
    );
    const papers: Paper[] = readdirSync(join(out, 'days')).flatMap(
      (f) => JSON.parse(readFileSync(join(out, 'days', f), 'utf8')).papers,
    );
    expect(papers).toHaveLength(25 + 30 - 3);
    const askChem = papers.filter((p) => p.arxivId === '2607.28618');
    expect(askChem).toHaveLength(1);
    // The arXiv day, the arXiv categories, and the votes Hugging Face added.
    expect(askChem[0]!.date).toBe('2026-07-30');
    expect(askChem[0]!.categories?.length).toBeGreaterThan(0);
    expect(askChem[0]!.upvotes).toEqual(expect.any(Number));
  });
});
