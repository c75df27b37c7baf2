// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type Example,
  applyTopicModel,
  modelTagger,
  topicFeatures,
  trainTopicModel,
  validateModel,
} from '../../src/domain/topic-model';
import { tagTopics } from '../../src/domain/topics';

// Synthetic papers: half are about pruning (labelled sparsity) in words the rules never see as
// a topic of their own ("prune", "channels"), half about something else.
const FILLER = ['method', 'results', 'benchmark', 'training', 'experiments', 'models'];
function paper(i: number, about: boolean): { title: string; abstract: string } {
  const extra = FILLER[i % FILLER.length]!;
  return about
    ? { title: `We prune channels ${i}`, abstract: `We prune redundant channels of ${extra} nets.` }
    : { title: `Weather ${i} forecasting`, abstract: `Forecasting rain with ${extra} and radar.` };
}
function examples(n: number, topics: (about: boolean) => string[]): Example[] {
  return Array.from({ length: n }, (_, i) => {
    const about = i % 2 === 0;
    const { title, abstract } = paper(i, about);
    return {
      id: `p${i}`,
      features: topicFeatures(title, abstract, []),
      rules: [],
      topics: topics(about),
    };
  });
}
const none = { topics: [], evidence: {} };

describe('the learned topic tagger', () => {
  const model = trainTopicModel(
    examples(60, (about) => (about ? ['compression'] : [])),
    'test',
  );

  it('learns a topic from words and gives it to a new paper, with the words as evidence', () => {
    const tagged = applyTopicModel(
      model,
      'Prune channels',
      'We prune channels of a large net.',
      none,
    );
    expect(tagged.topics).toContain('compression');
    const evidence = tagged.evidence.compression!;
    expect([...evidence.title, ...evidence.abstract].join(' ')).toMatch(/prune|channels/);
    expect(evidence.confidence).toBeGreaterThanOrEqual(50);
    expect(evidence.confidence).toBeLessThanOrEqual(100);
  });

  it('does not give it to a paper without those words', () => {
    const tagged = applyTopicModel(model, 'Rain radar', 'Forecasting rain with radar.', none);
    expect(tagged.topics).not.toContain('compression');
  });

  it('keeps the rules alone for a topic with too few labelled papers', () => {
    const few = trainTopicModel(
      examples(60, (about) => (about ? ['compression'] : [])).map((e, i) =>
        i < 50 ? { ...e, topics: [] } : e,
      ),
      'test',
    );
    expect(few.topics.find((t) => t.id === 'compression')!.combine).toBe('rules');
    const tagged = applyTopicModel(few, 'Prune channels', 'We prune channels of a net.', none);
    expect(tagged.topics).not.toContain('compression');
  });

  it('never adds a topic the rules did not give when the topic needs both', () => {
    const both = {
      ...model,
      topics: model.topics.map((t) =>
        t.id === 'compression' ? { ...t, combine: 'both' as const } : t,
      ),
    };
    expect(
      applyTopicModel(both, 'Prune channels', 'We prune channels.', none).topics,
    ).not.toContain('compression');
  });

  it('is the rules alone without a model', () => {
    const title = 'Sparse attention for long-context language models';
    const abstract = 'We prune attention heads of a large language model.';
    expect(modelTagger(null)(title, abstract)).toEqual(tagTopics(title, abstract));
  });

  it('tags a paper met again once, and gives each caller its own lists', () => {
    const tag = modelTagger(model);
    const title = 'Sparse attention for long-context language models';
    const abstract = 'We prune attention heads of a large language model.';
    const first = tag(title, abstract);
    first.topics.push('robotics');
    const again = tag(title, abstract);
    expect(again).toEqual(applyTopicModel(model, title, abstract, tagTopics(title, abstract)));
    expect(again.topics).not.toContain('robotics');
  });

  it('reads a model file back only when it is one, and names what is wrong', () => {
    const round = validateModel(JSON.parse(JSON.stringify(model)));
    expect(round.ok).toBe(true);
    const wrong = validateModel({ ...model, version: 999 });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.problem).toMatch(/version/);
    const broken = validateModel({
      ...model,
      topics: [{ ...model.topics[0], weights: { 'w:x': 'heavy' } }],
    });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problem).toMatch(/topics\.0\.weights/);
  });
});
