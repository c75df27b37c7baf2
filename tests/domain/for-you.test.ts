import { describe, expect, it } from 'vitest';
import {
  type ForYouPaper,
  MIN_SAVED,
  createForYouCache,
  explainForYou,
  forYouReadiness,
  scoreForYou,
  trainForYou,
  trainForYouSteps,
} from '../../src/domain/for-you';

const paper = (id: string, title: string, abstract: string, authors?: string[]): ForYouPaper => ({
  id,
  title,
  abstract,
  ...(authors ? { authors } : {}),
});

/** A reader who saves data-assimilation papers. */
const SAVED = [
  paper(
    'enkf-localisation',
    'Adaptive localisation for the ensemble Kalman filter in global weather forecasting',
    'Data assimilation combines observations with a forecast model. We adapt covariance localisation in the ensemble Kalman filter and improve analysis increments for numerical weather prediction.',
    ['Ana Ferreira', 'Jon Berg'],
  ),
  paper(
    'model-error-increments',
    'Learning model error from analysis increments in data assimilation',
    'Analysis increments of a data assimilation system carry the systematic model error of the forecast. A neural network learns the model error from the increments and corrects the weather forecast.',
    ['Jon Berg'],
  ),
  paper(
    '4dvar-surrogate',
    'A neural surrogate of the tangent linear model for 4D-Var data assimilation',
    'Variational data assimilation (4D-Var) needs the tangent linear and adjoint of the forecast model. We learn a surrogate that assimilates satellite observations into the weather model.',
  ),
  paper(
    'particle-filter-ocean',
    'Particle filters for ocean data assimilation with sparse observations',
    'Ocean forecasts assimilate sparse observations from floats. A localised particle filter reduces the analysis error of the ensemble compared with the ensemble Kalman filter.',
  ),
];

const OTHERS = [
  paper(
    'llm-kv-cache',
    'Compressing the KV cache of large language models',
    'Long-context inference of large language models is limited by the key-value cache. We quantise the cache to four bits with little loss in perplexity.',
  ),
  paper(
    'llm-reasoning-rl',
    'Reinforcement learning with verifiable rewards improves reasoning of language models',
    'We train a language model with reinforcement learning on math problems with verifiable rewards and measure reasoning accuracy on benchmarks.',
  ),
  paper(
    'gaussian-splatting',
    'Sparse-view 3D Gaussian splatting for novel view synthesis',
    'We reconstruct 3D scenes from few images with Gaussian splatting and a depth prior, rendering novel views in real time.',
  ),
  paper(
    'nerf-relighting',
    'Relightable neural radiance fields',
    'Neural radiance fields entangle lighting and material. We decompose a scene into geometry, reflectance and illumination for relighting.',
  ),
  paper(
    'speech-asr',
    'Streaming speech recognition with a small transformer',
    'Automatic speech recognition on device needs low latency. A streaming transformer transcribes audio with a word error rate close to offline models.',
  ),
  paper(
    'tts-voice',
    'Zero-shot voice cloning for text to speech',
    'A text-to-speech model clones a voice from three seconds of audio and speaks new sentences in it.',
  ),
  paper(
    'robot-grasp',
    'Learning dexterous grasping from human videos',
    'A robot hand learns to grasp objects by imitating human demonstrations in videos, and transfers from simulation to the real robot.',
  ),
  paper(
    'driving-planner',
    'End-to-end planning for autonomous driving',
    'An end-to-end driving model predicts trajectories from camera images and plans safe motion in closed-loop simulation.',
  ),
  paper(
    'recsys-cold-start',
    'Cold-start item recommendation with content embeddings',
    'Recommender systems struggle with new items. We embed item content and user sessions to recommend cold-start items.',
  ),
  paper(
    'retrieval-rag',
    'Retrieval-augmented generation with dense passage retrieval',
    'A retriever finds passages for a question and a language model generates the answer from them, reducing hallucination.',
  ),
  paper(
    'diffusion-video',
    'Video diffusion models with temporal attention',
    'We generate videos with a diffusion model whose temporal attention keeps frames consistent over long clips.',
  ),
  paper(
    'image-editing',
    'Instruction-based image editing with diffusion',
    'A diffusion model edits images from text instructions while preserving the parts the instruction does not mention.',
  ),
  paper(
    'pruning-lottery',
    'Lottery tickets in pruned transformers',
    'Magnitude pruning of transformer weights finds sparse subnetworks that train to full accuracy.',
  ),
  paper(
    'moe-routing',
    'Load balancing for mixture-of-experts routing',
    'Mixture-of-experts layers route tokens to experts. A new balancing loss keeps experts busy without hurting quality.',
  ),
  paper(
    'causal-iv',
    'Instrumental variables with invalid instruments',
    'We estimate the average treatment effect when some instrumental variables are invalid, with guarantees on the bias.',
  ),
  paper(
    'bandits-sparse',
    'Sparse linear bandits',
    'Linear bandits with a sparse parameter admit regret bounds that depend on the sparsity rather than the dimension.',
  ),
  paper(
    'agents-tools',
    'Language agents that use tools',
    'An agent built on a language model calls tools, browses the web and plans multi-step tasks.',
  ),
  paper(
    'medical-segmentation',
    'Segmenting tumours in MRI with few labels',
    'Semi-supervised segmentation of tumours in MRI scans uses unlabeled images to match fully supervised accuracy.',
  ),
];

/** Tomorrow's papers: two the reader would want and three they would not. */
const NEW = [
  paper(
    'new-llm',
    'Speculative decoding for faster language model inference',
    'A small draft model proposes tokens that the large language model verifies, doubling inference speed.',
  ),
  paper(
    'new-hybrid-da',
    'Hybrid ensemble-variational data assimilation for regional weather',
    'We combine an ensemble Kalman filter with variational data assimilation to assimilate radar observations into a regional weather forecast model.',
  ),
  paper(
    'new-3d',
    'Feed-forward 3D reconstruction from a single image',
    'A transformer predicts 3D Gaussians from one image for novel view synthesis.',
  ),
  paper(
    'new-ml-da',
    'Machine learning corrections of model error in sea-ice data assimilation',
    'Analysis increments from sea-ice data assimilation train a network that corrects model error in the forecast.',
  ),
  paper(
    'new-speech',
    'Speech recognition for low-resource languages',
    'Self-supervised audio pretraining improves speech recognition for languages with little transcribed audio.',
  ),
];

const rank = (scores: number[], papers: readonly ForYouPaper[]) =>
  papers
    .map((p, i) => ({ id: p.id, score: scores[i]! }))
    .sort((a, b) => b.score - a.score)
    .map((p) => p.id);

describe('For you', () => {
  const model = trainForYou(SAVED, OTHERS);

  it('ranks new papers like the saved ones above unrelated papers', () => {
    const order = rank(scoreForYou(model, NEW), NEW);
    expect(order.slice(0, 2).sort()).toEqual(['new-hybrid-da', 'new-ml-da']);
  });

  it('ranks a paper by an author of several saved papers above the same paper by a stranger', () => {
    const text = ['Ensemble forecasts', 'We study ensemble forecasts of a weather model.'] as const;
    const [byBerg, byStranger] = [
      paper('by-berg', ...text, ['Jon Berg']),
      paper('by-stranger', ...text, ['Kim Novak']),
    ];
    const [berg, stranger] = scoreForYou(model, [byBerg, byStranger]);
    expect(berg).toBeGreaterThan(stranger!);
    expect(explainForYou(model, byBerg, SAVED).authors).toEqual(['Jon Berg']);
  });

  it('says why: words and pairs of words shared with saved papers, and the saved papers most like it', () => {
    const why = explainForYou(model, NEW[1]!, SAVED);
    const words = why.words.map((w) => w.term);
    expect(words).toContain('data assimilation');
    expect(words.length).toBeLessThanOrEqual(5);
    // A pair of words stands for the single words in it.
    const pairs = words.filter((w) => w.includes(' '));
    for (const word of words.filter((w) => !w.includes(' ')))
      expect(pairs.filter((pair) => pair.split(' ').includes(word))).toEqual([]);
    for (const w of why.words) expect(w.weight).toBeGreaterThan(0);
    expect(why.like.map((p) => p.id)).toContain('enkf-localisation');
    expect(why.like[0]!.title).toBe(SAVED.find((p) => p.id === why.like[0]!.id)!.title);
    expect(why.like.length).toBeLessThanOrEqual(3);
    const scores = why.like.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('does not call a saved paper like itself, nor an unrelated paper like the saved ones', () => {
    expect(explainForYou(model, SAVED[0]!, SAVED).like.map((p) => p.id)).not.toContain(
      'enkf-localisation',
    );
    const speech = explainForYou(model, NEW[4]!, SAVED);
    expect(speech.like).toEqual([]);
    expect(speech.words).toEqual([]);
  });

  it('says what it needs with fewer than three saved papers', () => {
    expect(MIN_SAVED).toBe(3);
    expect(forYouReadiness(0)).toEqual({
      ready: false,
      needed: 3,
      message:
        'For you learns from the papers you save: save 3 papers to rank papers like them first (it needs 3).',
    });
    expect(forYouReadiness(2, 'Sparse training')).toEqual({
      ready: false,
      needed: 1,
      message:
        'For you learns from the papers you save: save 1 more paper in “Sparse training” to rank papers like them first (it needs 3).',
    });
    expect(forYouReadiness(3)).toEqual({ ready: true });
    expect(() => trainForYou(SAVED.slice(0, 2), OTHERS)).toThrow(
      new RangeError(
        'For you learns from the papers you save: save 1 more paper to rank papers like them first (it needs 3).',
      ),
    );
  });

  it('counts a paper saved twice, or saved and among the others, once as saved', () => {
    const again = trainForYou([...SAVED, SAVED[0]!], [SAVED[1]!, ...OTHERS]);
    expect(again.positives).toBe(SAVED.length);
    expect(again.documents).toBe(SAVED.length + OTHERS.length);
    expect(again).toEqual(model);
  });
});

describe('a trained model', () => {
  it('is the same for the same saves and others, in any order', () => {
    const a = trainForYou(SAVED, OTHERS);
    const b = trainForYou([...SAVED].reverse(), [...OTHERS].reverse());
    expect(b).toEqual(a);
  });

  it('depends on its seed only through the order of training, not in what it ranks first', () => {
    const a = trainForYou(SAVED, OTHERS, { seed: 1 });
    const b = trainForYou(SAVED, OTHERS, { seed: 2 });
    expect(b.weights).not.toEqual(a.weights);
    expect(rank(scoreForYou(b, NEW), NEW).slice(0, 2).sort()).toEqual(
      rank(scoreForYou(a, NEW), NEW).slice(0, 2).sort(),
    );
  });

  it('survives a JSON round trip (a worker posts it back) and scores the same', () => {
    const model = trainForYou(SAVED, OTHERS);
    const copy = JSON.parse(JSON.stringify(model)) as typeof model;
    expect(copy).toEqual(model);
    expect(scoreForYou(copy, NEW)).toEqual(scoreForYou(model, NEW));
    expect(explainForYou(copy, NEW[1]!, SAVED)).toEqual(explainForYou(model, NEW[1]!, SAVED));
  });

  it('trains in steps that report progress, to the same model', () => {
    const steps = trainForYouSteps(SAVED, OTHERS, { chunk: 1 });
    const phases = new Set<string>();
    let step = steps.next();
    while (!step.done) {
      phases.add(step.value.phase);
      expect(step.value.done).toBeLessThanOrEqual(step.value.total);
      step = steps.next();
    }
    expect([...phases]).toEqual(['reading', 'weighing', 'training']);
    expect(step.value).toEqual(trainForYou(SAVED, OTHERS));
  });

  it('is the same trained with a cache of papers read before', () => {
    const cache = createForYouCache();
    scoreForYou(trainForYou(SAVED.slice(1), OTHERS, { cache }), NEW, cache);
    const cached = trainForYou(SAVED, OTHERS, { cache });
    expect(cached).toEqual(trainForYou(SAVED, OTHERS));
    expect(scoreForYou(cached, NEW, cache)).toEqual(scoreForYou(cached, NEW));
  });

  it('leaves authors out when asked to', () => {
    const model = trainForYou(SAVED, OTHERS, { authorWeight: 0 });
    expect(model.terms.some((t) => t.startsWith('@'))).toBe(false);
    expect(trainForYou(SAVED, OTHERS).terms).toContain('@jon berg');
  });
});
