import { describe, expect, it } from 'vitest';
import { parseDigest } from '../../src/domain/digest';
import { arxivUrls } from '../../src/domain/arxiv';
import { classifyLink, extractLinks, isSafeHref } from '../../src/domain/links';
import {
  blankText,
  cleanMath,
  countWords,
  hasVisibleText,
  paperIdFromTitle,
  stripControlCharacters,
} from '../../src/domain/text';
import { seedText } from '../helpers';

describe('cleanMath', () => {
  it.each([
    ['RadioDiff-3D: A 3D$\\times$3D Radio Map Dataset', 'RadioDiff-3D: A 3D×3D Radio Map Dataset'],
    ['UrbanRadio3D is over 37times3 larger', 'UrbanRadio3D is over 37×3 larger'],
    ['with 7times3 more height layers', 'with 7×3 more height layers'],
    ['Beyond ell_1 sparse coding', 'Beyond ℓ₁ sparse coding'],
    ['the ell_{p}!left(!0!<! p!leq!1right)-norm', 'the ℓₚ(0 < p ≤ 1)-norm'],
    ['with ell_infty guarantees', 'with ℓ∞ guarantees'],
    ['apply the ell_{2,1}-norm', 'apply the ℓ₂,₁-norm'],
    ['in time {O}(Klog^2 N)', 'in time O(Klog^2 N)'],
    ['a vector bin R^n, we', 'a vector bin R^n, we'],
    [
      'a $k$-means step with $O(n \\log n)$ cost and $\\epsilon \\leq 0.1$',
      'a k-means step with O(n log n) cost and ε ≤ 0.1',
    ],
    // Escaped dollars are money, not math: never "\1,503".
    ['saves \\$1,503 per run and \\$20 per day', 'saves $1,503 per run and $20 per day'],
    ['a \\$5 budget and $O(n)$ time', 'a $5 budget and O(n) time'],
    // LaTeX text commands are unwrapped; citations go.
    [
      'we \\emph{propose} a \\textbf{new \\textit{fast}} method~\\cite{a,b} as in \\citep[see][p.~3]{c}.',
      'we propose a new fast method as in.',
    ],
    ['the \\mbox{GPT-4} model', 'the GPT-4 model'],
    ['to \\mbox{token and context embeddings', 'to token and context embeddings'],
  ])('%s', (input, expected) => {
    expect(cleanMath(input)).toBe(expected);
  });

  it('leaves ordinary words alone', () => {
    const prose =
      'The shell_1 variable, lifetimes, sometimes and left(right) wells were all measured at times 3 and 4.';
    expect(cleanMath(prose)).toBe(prose);
  });

  it('changes only the math in the seed digest', () => {
    const papers = parseDigest(seedText(), { year: 2025 });
    const changed = papers.filter((p) => cleanMath(p.abstract) !== p.abstract);
    expect(changed.length).toBeGreaterThan(3);
    for (const p of changed)
      expect(cleanMath(p.abstract).split(' ').length).toBeGreaterThan(
        p.abstract.split(' ').length * 0.9,
      );
  });
});

describe('paper ids', () => {
  it('are URL-safe slugs of the title and stable', () => {
    expect(
      paperIdFromTitle('R-Sparse: Rank-Aware Activation Sparsity for Efficient LLM Inference'),
    ).toBe('r-sparse-rank-aware-activation-sparsity-for-efficient-llm-inference');
    expect(paperIdFromTitle('Beyond ℓ₁ sparse coding in V1')).toBe('beyond-l1-sparse-coding-in-v1');
    // The same title with other spacing, case and punctuation is the same paper.
    expect(paperIdFromTitle('  beyond ℓ₁ Sparse-Coding in V1 ')).toBe(
      'beyond-l1-sparse-coding-in-v1',
    );
    expect(paperIdFromTitle('Schrödinger’s  Cat!')).toBe('schrodinger-s-cat');
  });

  it('keep long titles apart with a fingerprint', () => {
    const a = paperIdFromTitle(
      'Interpretable structural model error discovery from sparse assimilation increments using spectral bias-reduced neural networks: A quasi-geostrophic turbulence test case',
    );
    const b = paperIdFromTitle(
      'Interpretable structural model error discovery from sparse assimilation increments using spectral bias-reduced neural networks: A different case',
    );
    expect(a.length).toBeLessThanOrEqual(72);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('links', () => {
  it('extracts and classifies every link of the seed digest', () => {
    const papers = parseDigest(seedText(), { year: 2025 });
    const links = papers.flatMap((p) => extractLinks(p.abstract));
    expect(links).toHaveLength(16);
    expect(links).toContainEqual({ kind: 'code', url: 'https://github.com/CAME-THU/FlamePINN-1D' });
    expect(links).toContainEqual({
      kind: 'dataset',
      url: 'https://github.com/UNIC-Lab/UrbanRadio3D',
    });
    expect(links).toContainEqual({
      kind: 'project',
      url: 'https://taohuumd.github.io/projects/SurMo/',
    });
    expect(links).toContainEqual({ kind: 'project', url: 'https://sparsenerf.github.io/' });
    expect(links).toContainEqual({ kind: 'project', url: 'https://liuff19.github.io/LangScene-X' });
    expect(links).toContainEqual({ kind: 'project', url: 'https://sparebenchmark.github.io/' });
    expect(links).toContainEqual({ kind: 'code', url: 'https://github.com/lswzjuer/SparseByteNN' });
    for (const link of links) expect(link.url).not.toMatch(/[.,;:]$/);
  });

  it('keeps balanced brackets and drops unbalanced ones', () => {
    expect(extractLinks('see (https://en.wikipedia.org/wiki/Foo_(bar)).')).toEqual([
      { kind: 'other', url: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
    ]);
    expect(extractLinks('(code: https://gitlab.com/a/b)')).toEqual([
      { kind: 'code', url: 'https://gitlab.com/a/b' },
    ]);
  });

  it('classifies datasets by host and by the sentence', () => {
    expect(classifyLink(new URL('https://huggingface.co/datasets/x/y'), '')).toBe('dataset');
    expect(classifyLink(new URL('https://zenodo.org/record/1'), '')).toBe('dataset');
    expect(classifyLink(new URL('https://example.org/data'), 'our dataset is available at ')).toBe(
      'dataset',
    );
    expect(classifyLink(new URL('https://example.org/x'), 'visit our project page ')).toBe(
      'project',
    );
  });

  it('ignores anything that is not http(s)', () => {
    expect(extractLinks('javascript:alert(1) and ftp://x.org/y and data:text/html,hi')).toEqual([]);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('https://example.org')).toBe(true);
  });
});

describe('small helpers', () => {
  it('counts words and strips control and bidi characters', () => {
    expect(countWords('  one two\tthree\nfour ')).toBe(4);
    expect(stripControlCharacters('a\u202Eb\u0007c\u2066d')).toBe('abcd');
  });
});

describe('arXiv ids', () => {
  it('links new- and old-style ids to the abstract page and PDF, and nothing else', () => {
    expect(arxivUrls('2312.17653')).toEqual({
      abs: 'https://arxiv.org/abs/2312.17653',
      pdf: 'https://arxiv.org/pdf/2312.17653',
    });
    expect(arxivUrls('2312.17653v2')?.abs).toBe('https://arxiv.org/abs/2312.17653v2');
    expect(arxivUrls('hep-th/9901001')?.pdf).toBe('https://arxiv.org/pdf/hep-th/9901001');
    for (const bad of [undefined, '', 'paper-1', '23.17653', '2312.17653](javascript:x)', '../x'])
      expect(arxivUrls(bad), String(bad)).toBeNull();
  });
});

describe('hasVisibleText and blankText', () => {
  it.each([
    ['', 'empty'],
    ['  \t\n', 'empty'],
    ['\u200b', 'only invisible characters (U+200B)'],
    ['\u200b \u2060\u200b', 'only invisible characters (U+200B U+2060)'],
    ['\u00ad\u3164\u2800', 'only invisible characters (U+00AD U+3164 U+2800)'],
    ['\ufeff\u200d\u034f', 'only invisible characters (U+FEFF U+200D U+034F)'],
    ['\u0301\u0308', 'only invisible characters (U+0301 U+0308)'],
    ['\u{e0041}\ufe0f', 'only invisible characters (U+E0041 U+FE0F)'],
    ['\u115f\u1160\uffa0', 'only invisible characters (U+115F U+1160 U+FFA0)'],
  ])('finds nothing to see in %j', (text, reason) => {
    expect(hasVisibleText(text)).toBe(false);
    expect(blankText(text)).toBe(reason);
  });

  it.each(['A', 'é', 'e\u0301', '\u200bZero', 'Ω-nets', '日本語', '👩\u200d💻', '—', '∑', '𝔸'])(
    'sees %j',
    (text) => {
      expect(hasVisibleText(text)).toBe(true);
      expect(blankText(text)).toBeNull();
    },
  );
});
