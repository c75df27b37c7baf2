import { describe, expect, it } from 'vitest';
import {
  applyTopicRules,
  compileRule,
  countTopics,
  evidenceTerms,
  isTopicIdShape,
  matchRule,
  parsePhrases,
  ruleProblem,
  topicIdFor,
  withSiteTopics,
  type TopicRule,
} from '../../src/domain/topic-rules';
import { readSiteTopics } from '../../src/domain/topic-rule-schema';
import type { Paper } from '../../src/domain/schema';

const rule = (include: string[], exclude: string[] = [], id = 'my-test'): TopicRule => ({
  id,
  label: 'Test',
  include,
  exclude,
});
const matches = (r: TopicRule, title: string, abstract = 'Nothing here.') =>
  matchRule(compileRule(r), title, abstract) !== null;

const paper = (id: string, title: string, abstract: string, topics: string[] = []): Paper => ({
  id,
  date: '2025-09-19',
  title,
  abstract,
  topics,
  evidence: {},
  links: [],
  wordCount: 3,
});

describe('a topic defined by words', () => {
  it('matches whole words, plurals, any case and hyphenated phrases', () => {
    const ot = rule(['optimal transport', 'GAN']);
    expect(matches(ot, 'Fast Optimal Transport on graphs')).toBe(true);
    expect(matches(ot, 'Optimal-transport barycenters')).toBe(true);
    expect(matches(ot, 'Conditional GANs for tabular data')).toBe(true);
    expect(matches(ot, 'An organ segmentation model')).toBe(false);
    expect(matches(ot, 'Optimal control of transport networks')).toBe(false);
  });

  it('matches any ending of a word ending in *', () => {
    const q = rule(['quantiz*']);
    expect(matches(q, 'Post-training quantization of LLMs')).toBe(true);
    expect(matches(q, 'Quantized attention')).toBe(true);
    expect(matches(q, 'Quantum annealing')).toBe(false);
  });

  it('ignores an excluded phrase that contains an included word, but keeps other uses', () => {
    const sparse = rule(['sparse'], ['sparse views']);
    expect(matches(sparse, 'Gaussian splatting from sparse views')).toBe(false);
    expect(
      matches(sparse, 'Gaussian splatting from sparse views', 'We use sparse attention.'),
    ).toBe(true);
  });

  it('leaves out a paper that has any other excluded word', () => {
    const diffusion = rule(['diffusion'], ['survey']);
    expect(matches(diffusion, 'Diffusion models: a survey')).toBe(false);
    expect(matches(diffusion, 'Diffusion models for video')).toBe(true);
  });

  it('gives the words that matched as evidence, title and abstract apart', () => {
    const e = matchRule(
      compileRule(rule(['mixture of experts', 'MoE'])),
      'Sparse Mixture-of-Experts at scale',
      'Our MoE routes tokens. The MoE layer …',
    );
    expect(e).toEqual({ title: ['mixture-of-experts'], abstract: ['moe'], score: 5 });
  });

  it('adds its topic after the built-in ones, keeps unmatched papers as they were, and re-applies cleanly', () => {
    const a = paper('a', 'Optimal transport for shapes', 'x', ['3d-vision']);
    const b = paper('b', 'Something else', 'y', ['llm']);
    const rules = [compileRule(rule(['optimal transport']))];
    const [ta, tb] = applyTopicRules([a, b], rules);
    expect(ta!.topics).toEqual(['3d-vision', 'my-test']);
    expect(ta!.evidence['my-test']!.title).toEqual(['optimal transport']);
    expect(tb).toBe(b);
    // Applying other rules to tagged papers replaces the old topic rather than adding to it.
    const [again] = applyTopicRules([ta!], [compileRule(rule(['shapes'], [], 'my-other'))]);
    expect(again!.topics).toEqual(['3d-vision', 'my-other']);
    expect(Object.keys(again!.evidence)).toEqual(['my-other']);
    expect(countTopics([ta!, tb!], ['my-test'])).toEqual({ 'my-test': 1 });
  });

  it('gives the evidence words of the topics filtered by, for highlighting', () => {
    const [t] = applyTopicRules(
      [paper('a', 'Optimal Transport made fast', 'Uses Sinkhorn iterations.')],
      [compileRule(rule(['optimal transport', 'sinkhorn']))],
    );
    expect(evidenceTerms(t!, ['my-test']).sort()).toEqual(['optimal', 'sinkhorn', 'transport']);
    expect(evidenceTerms(t!, ['llm'])).toEqual([]);
  });
});

describe('what a reader types into the topic form', () => {
  it('splits phrases at commas, semicolons and lines, without repeats or blanks', () => {
    expect(parsePhrases('optimal transport, Wasserstein;\n sinkhorn ,, wasserstein, ---')).toEqual([
      'optimal transport',
      'Wasserstein',
      'sinkhorn',
    ]);
  });

  it('names what is wrong: no name, a taken name, no words', () => {
    expect(ruleProblem({ label: ' ', include: ['x'], exclude: [] }, [])).toMatch(/name/);
    expect(
      ruleProblem({ label: 'Sparsity & Pruning', include: ['x'], exclude: [] }, [
        'Sparsity & pruning',
      ]),
    ).toMatch(/already a topic called/);
    expect(ruleProblem({ label: 'OT', include: [], exclude: [] }, [])).toMatch(/at least one/);
    expect(ruleProblem({ label: 'OT', include: ['optimal transport'], exclude: [] }, [])).toBe(
      null,
    );
  });

  it('makes ids from names that are unique and safe in a URL', () => {
    expect(topicIdFor('Optimal transport (OT)!', 'my-', [])).toBe('my-optimal-transport-ot');
    expect(topicIdFor('Optimal transport', 'my-', ['my-optimal-transport'])).toBe(
      'my-optimal-transport-2',
    );
    expect(topicIdFor('∑∑', 'my-', [])).toBe('my-topic');
    expect(isTopicIdShape('my-optimal-transport')).toBe(true);
    expect(isTopicIdShape('sparsity')).toBe(true);
    expect(isTopicIdShape('no-such-topic')).toBe(false);
    expect(isTopicIdShape('my-<script>')).toBe(false);
  });
});

describe("a site's extra topics (paperboy.config.json)", () => {
  it('reads topics with ids from their labels, and names the entry and the fix when one is wrong', () => {
    expect(
      readSiteTopics([{ label: 'Optimal transport', include: ['optimal transport'] }]),
    ).toEqual([
      {
        id: 'site-optimal-transport',
        label: 'Optimal transport',
        include: ['optimal transport'],
        exclude: [],
      },
    ]);
    expect(readSiteTopics(undefined)).toEqual([]);
    expect(() => readSiteTopics({ label: 'x' })).toThrow(/"topics" must be a list/);
    expect(() => readSiteTopics([{ label: 'OT', include: [] }])).toThrow(
      /topics\[0\] \(“OT”\).*include/,
    );
    expect(() =>
      readSiteTopics([
        { label: 'OT', include: ['a'] },
        { label: 'OT', include: ['b'] },
      ]),
    ).not.toThrow();
    expect(() =>
      readSiteTopics([
        { id: 'ot', label: 'OT', include: ['a'] },
        { id: 'ot', label: 'Other', include: ['b'] },
      ]),
    ).toThrow(/used twice/);
  });

  it('tags every day, counts per day and in all, and changes the index version', () => {
    const days = new Map([
      ['2025-09-18', [paper('a', 'Optimal transport', 'x', ['llm'])]],
      ['2025-09-19', [paper('b', 'Wasserstein flows', 'y'), paper('c', 'Other', 'z')]],
    ]);
    const index: {
      version: string;
      days: { date: string; count: number; topics: Record<string, number> }[];
      topics: { id: string; label: string; count: number }[];
    } = {
      version: '1-abc',
      days: [
        { date: '2025-09-18', count: 1, topics: { llm: 1 } },
        { date: '2025-09-19', count: 2, topics: {} },
      ],
      topics: [{ id: 'llm', label: 'LLMs', count: 1 }],
    };
    const rules = readSiteTopics([
      { label: 'Optimal transport', include: ['optimal transport', 'wasserstein'] },
    ]);
    const out = withSiteTopics(index, days, rules, (t) => String(t.length));
    expect(out.index.topics.at(-1)).toEqual({
      id: 'site-optimal-transport',
      label: 'Optimal transport',
      count: 2,
    });
    expect(out.index.days[0]!.topics).toEqual({ llm: 1, 'site-optimal-transport': 1 });
    expect(out.index.version).not.toBe(index.version);
    expect(out.days.get('2025-09-19')![0]!.topics).toEqual(['site-optimal-transport']);
    expect(withSiteTopics(index, days, [], String).index.version).toBe(index.version);
  });
});
