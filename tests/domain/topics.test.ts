import { describe, expect, it } from 'vitest';
import { buildPaper } from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import { THRESHOLD, TOPICS, requiredLiteral, tagTopics } from '../../src/domain/topics';
import { seedText } from '../helpers';

const papers = parseDigest(seedText(), { year: 2025 }).map(buildPaper);
const byTitle = (start: string) => {
  const found = papers.filter((p) => p.title.startsWith(start));
  expect(found, start).toHaveLength(1);
  return found[0]!;
};

// Chosen by hand from the seed digest: what a reader filtering by topic expects to find.
const PINNED: [string, string[], string[]?][] = [
  ['Interpretable structural model error discovery', ['data-assimilation', 'scientific-ml']],
  ['Discovery of interpretable structural model errors', ['data-assimilation', 'scientific-ml']],
  [
    'Towards an end-to-end artificial intelligence driven global weather',
    ['scientific-ml', 'data-assimilation'],
  ],
  ['FlamePINN-1D', ['scientific-ml'], ['sparsity']],
  ['SparseNeRF', ['3d-vision', 'sparsity']],
  ['R-Sparse', ['llm', 'sparsity']],
  ['Mistral-SPLADE', ['retrieval', 'llm']],
  ['EgoPoser', ['human-motion']],
  ['MetaCap', ['human-motion', '3d-vision']],
  ['SurMo', ['human-motion', '3d-vision'], ['sparsity']],
  ['Decomposing The Dark Matter of Sparse Autoencoders', ['interpretability', 'sparsity']],
  ['Features that Make a Difference', ['interpretability']],
  ['Learning in Sparse Rewards settings', ['reinforcement-learning']],
  ['Hardness of Independent Learning', ['reinforcement-learning']],
  [
    'Does Sparsity Help in Learning Misspecified Linear Bandits',
    ['reinforcement-learning', 'statistics'],
  ],
  ['GQSA', ['compression', 'llm', 'sparsity']],
  ['Sparse Training via Boosting Pruning Plasticity', ['sparsity'], ['llm']],
  [
    'Dynamic Sparse Learning: A Novel Paradigm for Efficient Recommendation',
    ['retrieval', 'sparsity'],
  ],
  ['Self-supervised Learning for Large-scale Item Recommendations', ['retrieval'], ['sparsity']],
  ['Towards Competitive Search Relevance', ['retrieval']],
  ['Selective Machine Learning of the Average Treatment Effect', ['causal-inference']],
  ['Towards Characterizing Domain Counterfactuals', ['causal-inference']],
  ['Improved Analysis of Sparse Linear Regression', ['statistics', 'sparsity']],
  ['A Nearly-Optimal Bound for Fast Regression', ['statistics']],
  ['VectorMapNet', ['robotics'], ['3d-vision']],
];

describe('topic tagging on the seed digest', () => {
  it.each(PINNED)('%s', (title, expected, excluded = []) => {
    const paper = byTitle(title);
    for (const topic of expected) expect(paper.topics, `${title} → ${topic}`).toContain(topic);
    for (const topic of excluded) expect(paper.topics, `${title} ↛ ${topic}`).not.toContain(topic);
  });

  it('records the words that produced each topic', () => {
    const paper = byTitle('SparseNeRF');
    expect(paper.evidence['3d-vision']!.title).toEqual(
      expect.arrayContaining(['SparseNeRF', 'Novel View Synthesis']),
    );
    expect(paper.evidence['3d-vision']!.score).toBeGreaterThanOrEqual(THRESHOLD);
    for (const p of papers) expect(Object.keys(p.evidence).sort()).toEqual([...p.topics].sort());
  });

  it('tags most seed papers as sparsity, as the digest is a search for "sparse"', () => {
    const count = papers.filter((p) => p.topics.includes('sparsity')).length;
    expect(count).toBeGreaterThan(35);
    expect(count).toBeLessThan(63);
  });
});

describe('the topic table', () => {
  it('has unique URL-safe ids and the topics the product promises', () => {
    const ids = TOPICS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    for (const id of [
      'sparsity',
      'data-assimilation',
      '3d-vision',
      'human-motion',
      'llm',
      'interpretability',
      'retrieval',
      'reinforcement-learning',
      'scientific-ml',
      'compression',
      'statistics',
      'causal-inference',
    ])
      expect(ids).toContain(id);
  });

  it('weighs the title above the abstract', () => {
    expect(tagTopics('Pruning at scale', 'Nothing here.').topics).toContain('sparsity');
    expect(tagTopics('Nothing here', 'We prune once.').topics).not.toContain('sparsity');
  });

  it('prefilters each pattern by a literal every match contains', () => {
    expect(requiredLiteral('(?:ensemble )?kalman filter(?:s|ing)?')).toBe('kalman filter');
    expect(requiredLiteral('3D-?Var')).toBe('var');
    expect(requiredLiteral('\\w*NeRFs?')).toBe('nerf');
    // The prefilter must never hide a match: compare with the plain regular expressions.
    for (const p of papers)
      for (const topic of TOPICS)
        for (const pattern of topic.patterns) {
          pattern.pattern.lastIndex = 0;
          if (pattern.pattern.test(p.abstract) && pattern.literals)
            expect(pattern.literals.some((l) => p.abstract.toLowerCase().includes(l))).toBe(true);
        }
  });
});
