/**
 * The topic table and the tagger. Every topic is defined here once: its id (used in URLs and
 * feed file names), its label, and weighted patterns. A pattern found in the title counts
 * `TITLE_WEIGHT` times its weight, in the abstract once per occurrence (at most
 * `MAX_ABSTRACT_HITS` times), and a paper gets every topic whose score reaches `THRESHOLD`.
 */
import type { Evidence } from './schema';
import { topicLabel } from './topic-meta';

export { topicLabel };

export interface TopicPattern {
  /** Case-insensitive; matched on word boundaries. */
  pattern: RegExp;
  weight: number;
  /**
   * Lowercase literals of which every match contains at least one, or null when some
   * alternative has no literal of three letters: a cheap `includes` check that lets the tagger
   * skip the regular expression for the many texts that cannot match.
   */
  literals: string[] | null;
}

export interface TopicDefinition {
  id: string;
  label: string;
  patterns: TopicPattern[];
}

export const TITLE_WEIGHT = 3;
export const MAX_ABSTRACT_HITS = 3;
export const THRESHOLD = 4;

/** Splits a regular-expression source at its top-level `|`. */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** The longest run of plain characters that every match of the alternative contains. */
export function requiredLiteral(alternative: string): string {
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < alternative.length; i++) {
    const c = alternative[i]!;
    const next = alternative[i + 1];
    if (c === '\\') {
      end();
      i++;
    } else if (c === '(' || c === '[') {
      end();
      let depth = 1;
      while (depth > 0 && ++i < alternative.length) {
        const d = alternative[i];
        if (d === '\\') i++;
        else if (d === '(' || d === '[') depth++;
        else if (d === ')' || d === ']') depth--;
      }
    } else if ('?*+{.^$)]'.includes(c)) end();
    else if (next === '?' || next === '*' || next === '{') end();
    else run += c.toLowerCase();
  }
  end();
  return best;
}

const p = (source: string, weight = 1): TopicPattern => {
  const literals = alternatives(source).map(requiredLiteral);
  return {
    pattern: new RegExp(`\\b(?:${source})\\b`, 'gi'),
    weight,
    literals: literals.every((l) => l.length >= 3) ? [...new Set(literals)] : null,
  };
};

export const TOPICS: readonly TopicDefinition[] = [
  {
    id: 'sparsity',
    label: topicLabel('sparsity'),
    patterns: [
      p('sparse\\w*|sparsity|sparsification|sparsif(?:y|ied|ying)', 1),
      p('prun(?:e|ed|ing)|lottery tickets?|N:M|unstructured sparsity|structured sparsity', 2),
      p('dynamic sparse training|sparse training|sparse neural networks?|activation sparsity', 2),
    ],
  },
  {
    id: 'data-assimilation',
    label: topicLabel('data-assimilation'),
    patterns: [
      p('data assimilation|assimilation increments?|analysis increments?', 3),
      p('assimilat(?:e|ed|ing|ion)', 2),
      p('model errors?|structural errors?|parametric errors?|nudging', 1),
      p('(?:ensemble )?kalman filter(?:s|ing)?|4D-?Var|3D-?Var|state estimation', 2),
    ],
  },
  {
    id: '3d-vision',
    label: topicLabel('3d-vision'),
    patterns: [
      p('\\w*NeRFs?|neural radiance fields?|gaussian splatting|3DGS', 3),
      p('novel[- ]view synthesis|view synthesis|neural rendering|radiance', 2),
      p(
        '3D reconstruction|3D scenes?|multi-?view|sparse[- ]view|point clouds?|depth (?:estimation|ranking|maps?)',
        2,
      ),
      p(
        'render(?:ing|ed|er)?|3D|4D|meshe?s?|triplanes?|view-consistent|structure from motion|SLAM',
        1,
      ),
    ],
  },
  {
    id: 'human-motion',
    label: topicLabel('human-motion'),
    patterns: [
      p(
        'pose estimation|human pose|body pose|motion capture|performance capture|motion retargeting',
        3,
      ),
      p('human motion|human rendering|avatars?|SMPL|egocentric|full-body|skeleton', 2),
      p('poses?|motions?|humans?|body|gestures?|character animation', 1),
    ],
  },
  {
    id: 'llm',
    label: topicLabel('llm'),
    patterns: [
      p(
        'LLMs?|large language models?|language models?|GPT-?\\w*|LLaMA\\w*|Mistral|transformers?',
        2,
      ),
      p(
        'KV[- ]cache|decoding|tokens?|prompt(?:s|ing)?|instruction[- ]tuning|fine-?tuning|in-context learning',
        1,
      ),
      p('inference acceleration|efficient inference|speculative decoding|LLM inference', 2),
    ],
  },
  {
    id: 'interpretability',
    label: topicLabel('interpretability'),
    patterns: [
      p(
        'sparse autoencoders?|SAEs?|mechanistic interpretability|monosemantic\\w*|superposition',
        3,
      ),
      p(
        'interpretab(?:le|ility)|dictionary learning|explainab(?:le|ility)|features? (?:attribution|circuits?)',
        2,
      ),
      p('circuits?|probing|dictionary', 1),
    ],
  },
  {
    id: 'retrieval',
    label: topicLabel('retrieval'),
    patterns: [
      p(
        'recommendations?|recommender(?: systems?)?|retriev(?:al|er|ers)|search relevance|SPLADE|RAG',
        3,
      ),
      p(
        'information retrieval|learned sparse retrieval|re-?ranking|collaborative filtering|click-through|CTR',
        2,
      ),
      p('queries|query|items?|users?|search engines?|learning to rank', 1),
    ],
  },
  {
    id: 'reinforcement-learning',
    label: topicLabel('reinforcement-learning'),
    patterns: [
      p('reinforcement learning|RL|RLHF|Markov games?|multi-agent|bandits?|Q-learning', 3),
      p('rewards?|polic(?:y|ies)|quality-diversity|exploration|agents?|equilibri(?:um|a)', 1),
    ],
  },
  {
    id: 'scientific-ml',
    label: topicLabel('scientific-ml'),
    patterns: [
      p(
        'physics-informed|PINNs?|weather|climate|turbulen(?:ce|t)|flames?|combustion|Earth system',
        3,
      ),
      p(
        'fluid dynamics|PDEs?|partial differential equations?|Navier-Stokes|quasi-geostrophic|Kuramoto-Sivashinsky|geophysical|forecast(?:ing|s)?',
        2,
      ),
      p('physic(?:s|al)|simulations?|chaotic|dynamical systems?|equation discovery|numerical', 1),
    ],
  },
  {
    id: 'compression',
    label: topicLabel('compression'),
    patterns: [
      p('quantiz(?:ation|ed|ing|e)|low-bit|INT[48]|model compression|knowledge distillation', 3),
      p(
        'compress(?:ion|ed|ing|es)?|bit-?width|mobile inference|on-device|distill(?:ation|ing|ed)?',
        1,
      ),
    ],
  },
  {
    id: 'statistics',
    label: topicLabel('statistics'),
    patterns: [
      p(
        'sample complexity|lower bounds?|upper bounds?|minimax|convergence rates?|regret bounds?|PAC',
        3,
      ),
      p(
        'regression|estimators?|differential privacy|statistical(?:ly)?|bayesian|variational inference|hypothesis test(?:s|ing)?',
        2,
      ),
      p('bounds?|theorem|provabl[ey]|guarantees?|asymptotic\\w*|nearly[- ]optimal|convergence', 1),
    ],
  },
  {
    id: 'causal-inference',
    label: topicLabel('causal-inference'),
    patterns: [
      p(
        'causal(?:ity)?|counterfactuals?|treatment effects?|instrumental variables?|confound(?:ing|ers?)',
        3,
      ),
      p('interventions?|do-calculus|identifiab(?:le|ility)', 1),
    ],
  },
  {
    id: 'generative',
    label: topicLabel('generative'),
    patterns: [
      p(
        'diffusion models?|diffusion|GANs?|generative adversarial|flow matching|text-to-image|text-to-video|image generation|video generation',
        3,
      ),
      p('generative|denoising|synthesis|score-based', 1),
    ],
  },
  {
    id: 'multimodal',
    label: topicLabel('multimodal'),
    patterns: [
      p(
        'vision-language|VLMs?|MLLMs?|LMMs?|multimodal|multi-modal|visual question answering|VQA|CLIP',
        3,
      ),
      p(
        'image-text|captioning|visual instruction|visual tokens?|vision encoders?|hallucination',
        1,
      ),
    ],
  },
  {
    id: 'agents',
    label: topicLabel('agents'),
    patterns: [
      p('agentic|LLM agents?|language agents?|tool use|tool-use|web agents?|GUI agents?', 3),
      p('agents?|planning|tools?|workflows?', 1),
    ],
  },
  {
    id: 'robotics',
    label: topicLabel('robotics'),
    patterns: [
      p(
        'robots?|robotic(?:s)?|manipulation|autonomous driving|model predictive control|MPC|locomotion',
        3,
      ),
      p('control(?:ler)?|vehicles?|navigation|embodied|HD maps?', 1),
    ],
  },
  {
    id: 'audio-speech',
    label: topicLabel('audio-speech'),
    patterns: [
      p('speech|audio|text-to-speech|TTS|ASR|speaker|music', 3),
      p('acoustic|sound|voice|spoken', 1),
    ],
  },
];

export const TOPIC_BY_ID: ReadonlyMap<string, TopicDefinition> = new Map(
  TOPICS.map((t) => [t.id, t]),
);

export interface Tagging {
  topics: string[];
  evidence: Record<string, Evidence>;
}

function matches({ pattern, literals }: TopicPattern, text: string, lower: string): string[] {
  if (literals && !literals.some((l) => lower.includes(l))) return [];
  pattern.lastIndex = 0;
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

function addUnique(list: string[], words: string[]): void {
  for (const word of words)
    if (!list.some((w) => w.toLowerCase() === word.toLowerCase())) list.push(word);
}

/**
 * Tags a paper with topics from the table. Returns topic ids in table order and, for each, the
 * words of the title and abstract that produced it with the score they added up to.
 */
export function tagTopics(
  title: string,
  abstract: string,
  topics: readonly TopicDefinition[] = TOPICS,
): Tagging {
  const result: Tagging = { topics: [], evidence: {} };
  const titleLower = title.toLowerCase();
  const abstractLower = abstract.toLowerCase();
  for (const topic of topics) {
    let score = 0;
    const titleWords: string[] = [];
    const abstractWords: string[] = [];
    for (const pattern of topic.patterns) {
      const { weight } = pattern;
      const inTitle = matches(pattern, title, titleLower);
      const inAbstract = matches(pattern, abstract, abstractLower);
      if (inTitle.length > 0) score += weight * TITLE_WEIGHT;
      score += weight * Math.min(inAbstract.length, MAX_ABSTRACT_HITS);
      addUnique(titleWords, inTitle);
      addUnique(abstractWords, inAbstract);
    }
    if (score >= THRESHOLD) {
      result.topics.push(topic.id);
      result.evidence[topic.id] = { title: titleWords, abstract: abstractWords, score };
    }
  }
  return result;
}
