/**
 * The topic tagger: which topics of the table (ids and labels in topic-meta.ts, what each one
 * holds in docs/topics.md) a paper is about, and the words that say so.
 *
 * How it decides. Each topic has weighted patterns. Before they are matched, the topic's
 * exclusions blank out phrases that use its words in another sense ("sparse views" for
 * sparsity, "causal attention" for causal inference); a pattern may also count only in a
 * context (`when`) or never in one (`unless`: "ASR" next to "attack" is an attack success
 * rate). A pattern found in the title counts `TITLE_WEIGHT` times its weight, in the abstract
 * once per occurrence up to `MAX_ABSTRACT_HITS`. A paper gets every topic whose score reaches
 * `THRESHOLD` and that at least one strong pattern (weight ≥ `STRONG`) matched: weak words
 * only support a topic, they never make one.
 *
 * What it does not do: it reads no full text, learns nothing at run time and keeps no state;
 * the same title and abstract always give the same topics. It is measured against labels read
 * by hand (scripts/eval-topics.ts, tests/topics/labels.json), and docs/topics.md is the
 * specification when the two disagree.
 */
import type { Evidence } from './schema';
import { TOPIC_META, type TopicId, topicLabel } from './topic-meta';

export { topicLabel };

export interface TopicPattern {
  /** Case-insensitive unless the source says otherwise; matched on word boundaries. */
  pattern: RegExp;
  /**
   * What one occurrence adds to the topic's score. Negative weights are counter-evidence (a
   * vision-language paper's "LLM backbone" is not a paper about LLMs): they lower the score and
   * are never listed as evidence.
   */
  weight: number;
  /**
   * Lowercase literals of which every match contains at least one, or null when some
   * alternative has no literal of three letters: a cheap check that lets the tagger
   * skip the regular expression for the many texts that cannot match.
   */
  literals: string[] | null;
  /** The hashed first and last three letters of each literal, in pairs (see Trigrams). */
  literalKeys?: Int32Array;
  /** The pattern counts only when the title or abstract also matches this. */
  when?: RegExp;
  /** The pattern does not count when the title or abstract matches this. */
  unless?: RegExp;
}

export interface TopicDefinition {
  id: TopicId;
  label: string;
  patterns: TopicPattern[];
  /** Phrases that use the topic's words in another sense, blanked out before matching. */
  exclude: RegExp[];
}

export const TITLE_WEIGHT = 3;
export const MAX_ABSTRACT_HITS = 3;
export const THRESHOLD = 4;
/** The weight from which a pattern can make a topic; lighter ones only add to its score. */
export const STRONG = 2;

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
    } else if (c === '{') {
      // A counted repeat, {2} or {0,6}: its digits are not text to match.
      end();
      while (i < alternative.length && alternative[i] !== '}') i++;
    } else if ('?*+.^$)]'.includes(c)) end();
    else if (next === '?' || next === '*' || next === '{') end();
    else run += c.toLowerCase();
  }
  end();
  return best;
}

interface PatternOptions {
  when?: RegExp;
  unless?: RegExp;
  /** Match case as written (acronyms that are ordinary words in lower case). */
  caseSensitive?: boolean;
}

/**
 * Which three-letter sequences a text holds, as a hashed bitmap: a literal whose first or last
 * three letters are not there is not in the text, and most literals of most patterns are not,
 * so the tagger skips both the `includes` and the regular expression. False positives (hash
 * collisions) only cost the `includes` that follows.
 */
class Trigrams {
  private static readonly SIZE = 1 << 16;
  private readonly marks = new Uint32Array(Trigrams.SIZE);
  private generation = 0;
  static key(text: string, at: number): number {
    return (
      (text.charCodeAt(at) * 961 + text.charCodeAt(at + 1) * 31 + text.charCodeAt(at + 2)) &
      (Trigrams.SIZE - 1)
    );
  }
  /** Takes `lower` as the text from now on. */
  read(lower: string): this {
    if (++this.generation === 0xffffffff) {
      this.marks.fill(0);
      this.generation = 1;
    }
    for (let i = 0; i + 2 < lower.length; i++) this.marks[Trigrams.key(lower, i)] = this.generation;
    return this;
  }
  /** The keys of each literal's first and last three letters, in pairs. */
  static keysOf(literals: readonly string[]): Int32Array {
    return Int32Array.from(
      literals.flatMap((l) => [Trigrams.key(l, 0), Trigrams.key(l, l.length - 3)]),
    );
  }
  /** Whether `lower` (the text given to read) may contain one of `literals` (keys: keysOf). */
  mayHaveAny(literals: readonly string[], keys: Int32Array, lower: string): boolean {
    const g = this.generation;
    const marks = this.marks;
    for (let i = 0; i < literals.length; i++)
      if (
        marks[keys[2 * i]!] === g &&
        marks[keys[2 * i + 1]!] === g &&
        lower.includes(literals[i]!)
      )
        return true;
    return false;
  }
}
/**
 * The literals every match of `source` contains (lowercase, 3 letters or more), or null when an
 * alternative has none. A case-sensitive pattern is prefiltered the same way: the lowercase of
 * what it matches is in the lowercased text.
 */
function literalsOf(source: string): string[] | null {
  const each = alternatives(source).map(literalsOfAlternative);
  return each.every((l) => l !== null) ? [...new Set(each.flat())] : null;
}

/**
 * Literals one of which every match of the alternative contains: its required literal when that
 * has three letters, else the literals of a group it cannot skip ("(?:KV cache|cache) eviction":
 * "cache"), or null.
 */
function literalsOfAlternative(alternative: string): string[] | null {
  const literal = requiredLiteral(alternative);
  if (literal.length >= 3) return [literal];
  for (let i = 0; i < alternative.length; i++) {
    const c = alternative[i];
    if (c === '\\') i++;
    else if (c === '[') {
      while (i < alternative.length && alternative[i] !== ']') i += alternative[i] === '\\' ? 2 : 1;
    } else if (c === '(') {
      const start = i;
      let depth = 1;
      while (depth > 0 && ++i < alternative.length) {
        const d = alternative[i];
        if (d === '\\') i++;
        else if (d === '[') {
          while (i < alternative.length && alternative[i] !== ']')
            i += alternative[i] === '\\' ? 2 : 1;
        } else if (d === '(') depth++;
        else if (d === ')') depth--;
      }
      const inner = alternative.slice(start + 1, i);
      const next = alternative[i + 1];
      // An optional group, or a look-around (it matches no letters), may be absent from a match.
      if (next === '?' || next === '*' || next === '{' || /^\?(?:<?[=!])/.test(inner)) continue;
      const each = alternatives(inner.replace(/^\?:/, '')).map(literalsOfAlternative);
      if (each.every((l) => l !== null)) return each.flat();
    }
  }
  return null;
}

const p = (source: string, weight: number, options: PatternOptions = {}): TopicPattern => {
  const literals = literalsOf(source);
  const pattern: TopicPattern = {
    pattern: new RegExp(`\\b(?:${source})\\b`, options.caseSensitive ? 'g' : 'gi'),
    weight,
    literals,
  };
  if (literals) pattern.literalKeys = Trigrams.keysOf(literals);
  if (options.when) pattern.when = options.when;
  if (options.unless) pattern.unless = options.unless;
  return pattern;
};

/** The literals of each exclusion made by `x` (exclusions made elsewhere are always run). */
const excludeLiterals = new WeakMap<RegExp, { literals: string[]; keys: Int32Array }>();

/** The literals the tagger prefilters an exclusion by (undefined: it is always run). */
export const exclusionLiterals = (re: RegExp) => excludeLiterals.get(re)?.literals;

/** An exclusion: a phrase blanked out before the topic's patterns are matched. */
const x = (source: string, caseSensitive = false) => {
  const re = new RegExp(`\\b(?:${source})\\b`, caseSensitive ? 'g' : 'gi');
  const literals = literalsOf(source);
  if (literals) excludeLiterals.set(re, { literals, keys: Trigrams.keysOf(literals) });
  return re;
};

type Rules = Omit<TopicDefinition, 'id' | 'label'>;

/** Keyed by TopicId: a topic without rules, or rules for an unknown topic, do not compile. */
const RULES: Record<TopicId, Rules> = {
  sparsity: {
    exclude: [
      // Sparse inputs, observations and rewards are about the data, not about sparsity.
      x(
        'sparse(?:ly)?(?![ -](?:regression|attention|coding|recovery|models?|networks?|neural|representations?|activations?|weights?|matri\\w+|mixture|experts?|MoEs?|autoencoders?|dictionar\\w+))(?:[ ,-]+[\\w-]+){0,2}?[ ,-]+(?:views?|view|inputs?|observations?|measurements?|sensors?|signals?|supervision|feedback|rewards?|annotations?|labels?|data|datasets?|samples?|points?|point clouds?|voxels?|volumes?|keypoints|tracking|cameras?|images?|imagery|frames|depth|correspondences?|memory context|control encoder|control variates|interactions?|demonstrations?|videos?|rigs?|sessions?|items?|users?|controls?|keyframes?|sightings)',
      ),
      x(
        'sparse[- ]view\\w*|sparse (?:or even|or few-shot)|sparse (?:neural )?rendering|sparse configurations',
      ),
      x('sparse (?:coarse )?(?:correlated )?equilibri\\w+'),
      // Sparse retrieval as in BM25, set against dense retrieval; learned sparse retrieval stays.
      x(
        '(?<!learned |inference-free )sparse retriev\\w+|(?:dense|siamese) (?:and|or) sparse|sparse (?:and|or) dense',
      ),
      x(
        '(?:data|reward|label|feedback|supervision|signal|interaction|rating|token|audio token)s? sparsity',
      ),
      x(
        'sparsity of (?:the )?(?:rewards?|data|feedback|labels|supervision|interactions|observations)',
      ),
      x('sparse autoencoders?|SAEs?'),
      x(
        '(?:data|dataset|corpus|sample|search|tree|branch|trace|path|beam|gaussian|primitive|vocabulary)s? pruning|densification and pruning',
      ),
      x('(?:reasoning|action|length|draft|tree|CoT) prun\\w+|\\w+-Pruner|EquivPruner'),
      x(
        'prun\\w*(?: of)?(?: the)?(?: (?:low-importance|redundant|uninformative|unpromising|early|functional))* (?:reasoning|search|trajector\\w+|traces?|paths?|branch\\w*|nodes?|tool calls?|steps?|candidates?|hypothes\\w+|gaussians?|primitives?|data|samples?|examples?|actions?|drafts?|draft trees?)',
      ),
    ],
    patterns: [
      p(
        'sparse (?:attention|activations?|training|neural networks?|networks?|models?|LLMs?|transformers?|mixture|MoEs?|experts?|weights?|matri(?:x|ces)|kernels?|coding|codes|regression|recovery|representations?|structure|subspace|distributed|allocation|masks?|patterns?|computation|upcycling|lexical|prefill\\w*|linear|layers?|feed-forward)|block[- ]sparse|sparsely[- ]activated|N:M|2:4|lottery tickets?|learned sparse retriev\\w+|inference-free sparse|SPLADE',
        3,
      ),
      p('prun(?:e|es|ed|ing)|pruner', 3),
      p('sparsity|sparsif\\w+|sparse', 2),
      p(
        'mixtures?[- ]of[- ]experts?|MoEs?|mixture[- ]of[- ]depths?|experts? (?:routing|pruning|merging|selection|specialization|parallelism|capacity|activation)|routed experts|shared experts',
        2,
      ),
      // Computing on fewer tokens or layers, when the paper is about the cost of computing.
      p(
        'token (?:pruning|dropping|merging|eviction|selection|reduction|sparsity)|(?:KV[- ]cache|cache) (?:eviction|selection|retention)|evict\\w+|(?:layer|block|depth) (?:skipping|dropping)|skip(?:s|ping)? (?:layers?|blocks)',
        3,
        {
          when: /\b(?:efficien\w*|speed-?ups?|FLOPs|latency|accelerat\w+|redundan\w+|budgets?|memory|throughput|cost)\b/i,
        },
      ),
      p('early[- ]exit\\w*', 3, { when: /\blayers?\b/i }),
      p('compressed sensing|sparse coding|lasso|L1[- ]regulari\\w+|sparse recovery', 3),
      p('dictionary learning', 3, { unless: /\b(?:sparse autoencoders?|SAEs?|interpretab\w*)\b/i }),
      p('routers?|routing|experts', 1),
    ],
  },
  'data-assimilation': {
    exclude: [],
    patterns: [
      p(
        'data assimilation|assimilation (?:increments?|cycles?|systems?|schemes?|windows?)|analysis increments?|4D-?Var|3D-?Var|ensemble Kalman\\w*|EnKF|reanalys[ie]s',
        4,
      ),
      p('assimilat(?:e|es|ed|ing|ion)', 2, {
        when: /\b(?:observations|weather|ocean\w*|atmospher\w*|earth system|geophysic\w*|numerical weather|climate)\b/i,
      }),
      p('model errors?|structural errors?|parametric errors?|nudging', 1, {
        when: /\b(?:assimilat\w+|analysis increments?|weather|climate|earth system|geophysic\w*|ocean\w*|atmospher\w*)\b/i,
      }),
    ],
  },
  '3d-vision': {
    exclude: [
      x(
        '(?:performance|text|code|HTML|chart|LaTeX|font|document|webpage|web page|slide|markdown|SVG)[- ]render\\w*',
      ),
      x(
        'render\\w* (?:the )?(?:inferred |reasoning |textual )?(?:text|code|HTML|charts?|LaTeX|documents?|webpages?|fonts?|steps|transitions|trajectories|synthetic images)',
      ),
      x('3D (?:convolution\\w*|CNNs?|U-?Net|wavelet\\w*|medical|MRI|CT)|3D×3D|3D RM|radio maps?'),
    ],
    patterns: [
      p(
        '\\w*NeRFs?|neural radiance fields?|radiance fields?|gaussian splatting|\\w*splat\\w*|3D-?GS|4D-?GS|3D Gaussians?',
        4,
      ),
      p(
        'novel[- ]views?(?: synthesis)?|view synthesis|3D reconstruction|4D reconstruction|reconstruct\\w* (?:3D|4D)|3D[- ](?:scenes?|generation|shapes?|assets?|objects?|meshes|mesh|geometry|representations?|humans?|avatars?|worlds?|understanding|spatial|detection|points?|consisten\\w+|aware|models?|content|editing|inpainting|tracking|poses?|perception|structures?|camera|bounding|caricatur\\w+|faces?|cars?|world|vision|data)|text-to-3D|image-to-3D|point clouds?|pointmaps?|multi-?view (?:images|diffusion|consistent|reconstruction|stereo|geometry|inputs?)|depth (?:estimation|maps?|prediction|representations?|images?|sensors?|denoising)|monocular depth|time-of-flight|stereo\\w*|structure[- ]from[- ]motion|SLAM|camera (?:poses?|pose estimation|calibration|trajector\\w+|parameters|motion control|control|movements?)|inverse rendering|differentiable rendering|neural rendering|meshes|signed distance\\w*|SDFs?|LiDAR|voxel\\w*|visual-spatial|spatial intelligence|ego-motion|SVBRDF|relightable|4D',
        2,
      ),
      p('render\\w*|3D|mesh|geometry|geometric|depth|multi-?view|viewpoints?|camera', 1),
    ],
  },
  'human-motion': {
    exclude: [x('camera pose(?:s| estimation)?|pose-free|unposed|category-agnostic pose')],
    patterns: [
      p(
        'human (?:motions?|poses?|bod(?:y|ies)|animation|videos?|avatars?|mesh|performance|movements?|demonstrations?|-object interactions?|object interactions?|characters?|dynamics|rendering)|(?:human|body|hand|face|whole-body|egocentric) pose(?: estimation)?|motion capture|mocap|SMPL\\w*|text-to-motion|motion (?:generation|synthesis|diffusion|editing|retargeting)|talking[- ](?:heads?|faces?|avatars?)|lip[- ]sync\\w*|portrait animation|character animation|(?:audio|speech)-driven (?:human|character|avatar|portrait|talking)\\w*|avatars?|human-object interaction|HOI|gestures?|dance|dancing|dancers?|retarget\\w*|body (?:movements?|mechanics|shapes?)',
        3,
      ),
      p('FLAME', 3, { caseSensitive: true }),
      p(
        'pose estimation|motions?|poses?|humans?|humanoids?|bod(?:y|ies)|hands?|faces?|facial|skeleton\\w*|character\\w*|identity',
        1,
      ),
    ],
  },
  llm: {
    exclude: [
      // Vision, audio and omni models with a language backbone belong to `multimodal`.
      x(
        '(?:large )?(?:multi-?modal|vision[- ]language|visual[- ]language|omni-?modal|audio[- ]language|audio|video|speech|visually[- ]conditioned|vision|molecular graph-language|graph-language|video-based|vision-based)[- ](?:large[- ])?(?:language[- ])?(?:models?|LLMs?|assistants?)',
      ),
      x(
        '(?:M|V|LV|Omni|Video|Audio|Speech|Vision)-?LLMs?|LVLMs?|MLLMs?|VLMs?|LMMs?|LALMs?|OLMs?|OmniLLMs?|UMMs?',
      ),
      x('vision-language-action|VLAs?|Qwen\\d?(?:\\.\\d)?-VL\\w*|LLaVA\\w*|InternVL\\w*|LlamaGen'),
      x('encoder(?:-based|-only)? language models?|masked language models?'),
    ],
    patterns: [
      p(
        'LLMs?|large language models?|language models?|large reasoning models?|LRMs?|reasoning models?|dLLMs?|DLMs?|MDLMs?|LM agents?|GPT(?:-?\\d\\w*|s)?|LLaMA\\w*|Llama[- ]?\\d\\w*|Mistral\\w*|Qwen\\d*(?:\\.\\d)?(?:-\\w+)?|DeepSeek\\w*|Gemma\\w*|ChatGPT|Claude|chatbots?|PaLM\\w*|Phi-?\\d\\w*|OLMo\\w*|MiniMax-\\w+|GLM-\\d\\w*|Kimi\\w*|InternLM\\w*|frontier (?:models?|LLMs?|agents?)|cod(?:e|ing) agents?|KV[- ]cache',
        2,
      ),
      // Agents built on language models are papers about what language models do.
      p(
        'agents?|agentic|tool[- ](?:use|calling|learning)|function[- ]calling|foundation models?',
        1,
      ),
      p(
        'chain[- ]of[- ]thought|CoT|instruction[- ](?:tuning|tuned|following)|RLHF|RLVR|in-context learning|prompt\\w*|speculative decoding|prefill\\w*|decoding|pre-?training|post-?training|SFT|jailbreak\\w*|hallucinat\\w*|reasoning|code generation|coding|AIME|MATH-500|GSM8K|SWE-?bench|LiveCodeBench|GPQA|IFEval|AlpacaEval|MT-Bench|perplexity|tokeni[sz]\\w*|tools?',
        1,
      ),
      // A vision or audio model's language backbone is not a paper about language models.
      p(
        'VLMs?|LVLMs?|MLLMs?|LMMs?|vision[- ]language|multi-?modal (?:large )?(?:language )?models?|visual|images?|videos?|audio|speech',
        -1,
      ),
    ],
  },
  interpretability: {
    exclude: [
      x(
        'probing (?:multimodal|the limits|grounding)|interpretable (?:shot|feedback|rewards?|policies|AI systems)',
      ),
      // Equation discovery's closed-form models are interpretable results, not interpretability.
      x(
        'interpretable(?:,| and)? (?:parsimonious|structural|closed-form|physical)|Discovery with Interpretability',
      ),
    ],
    patterns: [
      p(
        'mechanistic interpretability|sparse autoencoders?|SAEs?|transcoders?|crosscoders?|superposition|monosemantic\\w*|polysemantic\\w*|logit lens|activation patching|causal tracing|linear probes?|probing (?:tasks?|classifiers?|experiments?|model internals|representations?|activations?|hidden states?|the residual stream)|steering vectors?|activation steering|representation engineering|feature attribution|saliency|attribution (?:methods?|maps?|graphs?)|explainable AI|XAI|residual stream|interpretab\\w+ (?:features?|directions?)|circuit analysis',
        3,
      ),
      p('circuits?', 2, {
        unless: /\b(?:electric\w*|Spice|circuit design|logic synthesis|AIGs?|chips?|Boolean)\b/i,
      }),
      p('interpretability', 2),
      p(
        'attention heads?|neurons?|internal (?:representations?|mechanisms?|activations?)|activations?|probing|probes?|steer\\w*|interpretab\\w*|explainab\\w*|features?',
        1,
      ),
    ],
  },
  retrieval: {
    exclude: [
      x(
        'KV(?:[- ]cache)? retrieval|retrieval heads?|needle[- ]in[- ]a[- ]haystack|passkey retrieval|(?:long-context|in-context|knowledge) retrieval tasks?',
      ),
      x('we recommend|recommended|recommendations? for'),
    ],
    patterns: [
      p(
        'GraphRAG|retrievers?|information retrieval|re-?rank\\w*|recommend\\w*|collaborative filtering|click-through|CTR|search engines?|deep research|deep search|search agents?|information[- ]seeking|embedding models?|text embeddings?|text representation models?|dense retrieval|sparse retrieval|learned sparse|SPLADE|BM25|MTEB|CMTEB|BEIR|BRIGHT|nDCG@?\\d*|MRR|Recall@\\d+|tool retrieval|literature search',
        3,
      ),
      p('retrieval|retrieval[- ]augmented|RAG|web search', 2),
      p('retriev(?:e|es|ed|ing)', 1),
      p('search\\w*|ranking|rank\\w*|quer(?:y|ies)|documents?|corpus|corpora|embeddings?', 1),
    ],
  },
  'reinforcement-learning': {
    exclude: [
      x(
        'policy (?:makers?|documents?|violat\\w+|compliance|guidelines?)|(?:governance|privacy|content|safety|aligned) polic(?:y|ies)',
      ),
      x(
        'on-policy (?:self-)?distillation|OPS?D|RL-free|without (?:any )?(?:RL|reinforcement learning)',
      ),
    ],
    patterns: [
      p(
        'reinforcement learning|REINFORCE\\+*|policy gradients?|policy optimi[sz]ation|preference optimi[sz]ation|preference alignment|Q-learning|actor-critic|bandits?|Markov decision process\\w*|offline RL|reward models?|reward modell?ing|reward hacking|reward shaping|advantage (?:estimat\\w*|functions?)|AlphaZero|self-play|Nash|no-regret|credit assignment|sparse rewards?|reward sparsity|quality-diversity|RL from|RL training|RL algorithms?',
        2,
      ),
      // Training with RL, as opposed to comparing with it ("outperforms RL", "RL-free").
      p(
        '(?:train\\w*|optimi[sz]\\w*|fine-?tun\\w*|post-?train\\w*|align\\w*|appl(?:y|ies|ying)|adopt\\w*|using|via|with|through|followed by|after|introduce|propose) (?:[\\w-]+ ){0,6}?(?:reinforcement learning|RL|preference optimi[sz]ation|DPO|GRPO|PPO|policy gradients?|RLVR|RLHF)|(?:DPO|GRPO|PPO|RL)-based',
        3,
      ),
      // Algorithm names: GRPO, DAPO, CISPO, KTO (in capitals only; "typo" is not one).
      p('RL|RLHF|RLAIF|RLVR|[A-Z][A-Za-z0-9-]*PO|KTO|MDPs?', 2, { caseSensitive: true }),
      p(
        'rewards?|reward functions?|reward signals?|polic(?:y|ies)|exploration|rollouts?|verifiable|preference (?:data\\w*|pairs|learning)|on-policy|off-policy',
        0.5,
      ),
    ],
  },
  'scientific-ml': {
    exclude: [
      x(
        'physics[- ](?:olympiad|problems?|questions?|reasoning|benchmarks?|QA|engines?|simulators?)|physical(?:ly)? (?:plausib\\w+|reasoning|commonsense|world|AI|laws|consisten\\w+|realism|coheren\\w+|interactions?|constraints)|intuitive physics|physics[- ](?:aware|plausib\\w+|understanding|commonsense|alignment)|world models?|(?:video|world) simulation',
      ),
      x('climate[- ](?:resilient|risk)'),
    ],
    patterns: [
      p(
        'physics-informed|PINNs?|neural operators?|PDEs?|partial differential equations?|Navier-Stokes|fluid dynamics|turbulen\\w+|CFD|weather|climate|combustion|flames?|molecul\\w+|proteins?|chemistry|chemical|materials? (?:science|discovery|design|properties)|crystals?|genom\\w+|DNA|RNA|single-cell|drug discovery|astrophysic\\w*|cosmolog\\w*|magnetohydrodynamics|MHD|quantum chemistry|density functional|Earth system|Kuramoto-Sivashinsky|quasi-geostrophic|chaotic (?:systems?|dynamics)|missing physics|physical systems?|equation[- ]discovery|geophysic\\w*|oceanograph\\w*|atmospher\\w*|seismic|equation discovery|symbolic regression|surrogate models?|thermodynamic\\w*|heat conduction|bioinformatics|computational biology|biomolecul\\w+|SMILES|cheminformatics|AI for science|AI4Science',
        2,
      ),
      p('physics|physical|simulations?|dynamical systems?|scientific|numerical', 1),
    ],
  },
  compression: {
    exclude: [
      x(
        'vector[- ]quantiz\\w+|residual (?:vector )?quantiz\\w+|VQ(?:-VAE|GAN)?|scalar quantiz\\w+|action (?:quantiz|discreti)\\w+|quantized (?:tokens|codes|latents?|representations?|actions?)|lookup-free quantization|finite scalar quantization|FSQ|quantiz\\w+ error propagates',
      ),
      x(
        'compress\\w* (?:easy problems|(?:the )?(?:reasoning|chains?|CoT|thoughts?|thinking))|(?:reasoning|CoT|thought) compression|compressed latent\\w*|highly[- ]compressed|latent (?:space )?compression|VAE compression|compressible|compression[- ]coverage|compresses (?:memory|historical|long-horizon|image latent)|compress (?:long-horizon )?observations',
      ),
      x(
        'step distillation|consistency distillation|distribution matching distillation|self-distillation|on-policy distillation|distill(?:s|ed|ing)? (?:physics|insights|findings|concise|their own|all findings)|(?:flow|progressive flow|self forcing) distillation',
      ),
    ],
    patterns: [
      p(
        'quantiz\\w+|low-bit|\\d-bit|(?:INT|NF)\\d+|W\\dA\\d+|K\\dV\\d|bit-?widths?|PTQ|QAT|GPTQ|AWQ|model compression|(?:LLM|MoE|network|weight|KV[- ]cache|cache|token|context|prompt|visual token|memory|observation) compression|compress\\w* (?:the )?(?:models?|LLMs?|networks?|weights|KV[- ]cache|key-value|visual tokens?|tokens|context|observations?|images?|videos?)|compression of (?:the )?(?:sparse )?(?:models?|LLMs?|MoE\\w*|mixture\\w*|layers?|networks?)|compressors?|codecs?|rate-distortion|bitrate',
        3,
      ),
      p('FP\\d+', 1),
      p(
        'distill\\w* (?:into |to |of )?(?:a |the )?(?:smaller|compact|lightweight|student|draft)',
        2,
      ),
      p('knowledge distillation|on-device|edge devices?|mobile', 1),
      p('compress\\w*|distill\\w*|pruned|parameter reduction|memory footprint|lightweight', 1),
    ],
  },
  statistics: {
    exclude: [
      // MiniMax is a company and its models; minimax (lower case) is the statistical sense.
      x('MiniMax(?:-\\w+)?', true),
      x(
        'straight-through[- ]estimators?|statistically (?:significant\\w*|decisive)|statistical significance|bounding box\\w*|evidence lower bound|ELBO|upper[- ]bounds? (?:the )?(?:performance|accuracy)',
      ),
      x(
        '(?:automated |interactive )?theorem[- ]prov\\w+|theorem provers?|prove theorems|formal proofs?|proof generation|mathematical proofs?|Lean ?4?|IMO|USAMO|miniF2F',
      ),
    ],
    patterns: [
      p(
        'sample complexity|(?:nearly[- ])?optimal (?:bounds?|rates?)|tight bounds?|with probability at least|minimax (?:rates?|optimal\\w*|risk|lower bounds?)|regret (?:bounds?|guarantees?)|no-regret|convergence (?:rates?|guarantees?|analysis)|generali[sz]ation bounds?|PAC|lower bounds?|provabl[ey]|(?:unbiased|consistent|minimax|statistical) estimat\\w+|hypothesis test\\w*|confidence (?:intervals?|sets?)|conformal|Bayesian inference|variational inference|MCMC|Markov chain Monte Carlo|differential privacy|statistical (?:inference|learning|guarantees?|complexity|validity)|asymptotic\\w*|linear regression|sparse regression|high-dimensional statistics',
        3,
      ),
      p(
        'estimators?|theorems?|we prove|theoretical (?:analysis|guarantees?|foundations?|results?|grounding)|bounds?|theoretical\\w*|convergence|optimal\\w*|statistic\\w*|Bayesian|guarantees?|regression|posterior|regret|minimax|Monte Carlo|information-theoretic|closed-form',
        1,
      ),
    ],
  },
  'causal-inference': {
    exclude: [
      x(
        'causal(?:ly)?[- ](?:attention|mask\\w*|language model\\w*|LMs?|transformers?|decod\\w*|generat\\w*|video\\w*|autoregress\\w*|convolution\\w*|student|distillation|self-attention|prediction|modeling|processing|tracing|interventions?|faithful\\w*|chains?|connections?|relations?|understanding|dependence|paradigm|Kalman\\w*|inference for streaming|shift|verif\\w+|confirmed|grounded|relevant|maintain\\w*|view|effect on the|interpretation|model dependence)',
      ),
      x('block[- ]causal|fully causal|grown causally|causally'),
    ],
    patterns: [
      p(
        'causal inference|causal discovery|causal effects?|treatment effects?|CATE|average treatment|instrumental variables?|confound\\w+|structural causal models?|SCMs?|causal graphs?|causal (?:structures?|mechanisms?|models?|representation learning|reasoning|relationships?|identification|estimation|estimands?|queries|evidence)|do-calculus|propensity scores?|backdoor adjust\\w*|potential outcomes|domain counterfactuals?',
        3,
      ),
      p('causal\\w*|counterfactual\\w*|interventions?|identifiab\\w+', 1),
    ],
  },
  generative: {
    exclude: [
      x(
        'retrieval[- ]augmented generation|(?:text|code|answer|response|query|data|test[- ]case|question|hypothesis|report|program|caption|feedback|explanation|citation|rationale|dialogue|SQL|language|proof|solution|plan|trajector\\w+|action|token|sequence|synthetic data|instruction|story|review|interruption|humor\\w*|task|content)s? generation',
      ),
      x(
        'generat\\w+ (?:answers?|responses?|code|text|data|questions?|plans?|hypotheses|reports?|tokens?|summar\\w+|explanations?|captions?|programs?|synthetic (?:data|training)|trajectories|actions?|reasoning|multiple|diverse|predictions|outputs?|solutions?|fluent|high-quality (?:data|samples))',
      ),
      x(
        'generative (?:AI|search|retrieval|recommendation|reward models?|verifiers?|judges?|agents?|feedback)|generative-verifier',
      ),
      x(
        '(?:heat|thermal|information|lateral) diffusion|diffusion of|diffusion polic(?:y|ies)|video editing technique',
      ),
    ],
    patterns: [
      p(
        'diffusion\\w*|flow[- ]matching|rectified flows?|GANs?|generative adversarial|VAEs?|variational autoencoders?|normali[sz]ing flows?|text-to-(?:image|video|audio|3D|music|speech|motion)|T2I|T2V|I2V|IT2VA|image generation|video generation|image editing|video editing|image synthesis|video synthesis|(?:audio|music|speech|motion|3D|shape|scene|world|avatar|human video|visual|waveform|sound|image|video|mesh|molecular|molecule) (?:generation|generators?)|DiTs?|score distillation|SDS|inpainting|outpainting|Stable Diffusion|Sora|Veo\\s?\\d?|consistency models?|(?:image|video|visual|generative) tokeni[sz]ers?|voice conversion|text-to-speech|speech synthesis|vocoders?|dLLMs?|image-to-video|video world models?|(?:human|character|portrait|avatar) animation|generat(?:e|es|ing) (?:images?|videos?|high-fidelity|realistic|3D|music|speech|audio|molecules)',
        3,
      ),
      p('FLUX(?:\\.\\d)?', 3, { caseSensitive: true }),
      p('generative models?', 2),
      p('generat\\w+|synthes\\w+|editing|denois\\w+|sampling|TTS|render\\w*', 1),
    ],
  },
  multimodal: {
    exclude: [
      x('multi-?modal (?:recommend\\w*|distributions?|behaviou?rs?|expert behaviou?rs?)'),
      x('Clip parallelism'),
    ],
    patterns: [
      p(
        'vision[- ]language|visual[- ]language|\\w*VLMs?|LVLMs?|MLLMs?|LMMs?|UMMs?|multi-?modal (?:large )?(?:language )?models?|multi-?modal LLMs?|large multimodal|omni-?modal\\w*|omni (?:models?|LLMs?)|OmniLLMs?|OLMs?|audio[- ]language|LALMs?|audio LLMs?|speech LLMs?|video[- ]language|Video-?LLMs?|visual question answering|VQA|image captioning|video captioning|captioning|image-text (?:pairs|data|alignment|retrieval)|vision-language-action|VLAs?|visual instruction|visual reasoning|multi-?modal (?:AI )?(?:reasoning|understanding|comprehension|benchmarks?|tasks|agents?|inputs?|context|conditioning|models?)|GUI|screenshots?|phone use|computer[- ]use|document understanding|chart understanding|OCR|visual grounding|referring (?:expressions?|segmentation)|video (?:question answering|QA|understanding)|long[- ]video (?:understanding|QA|question answering)|LLaVA\\w*|Qwen\\d?(?:\\.\\d)?-VL\\w*|InternVL\\w*|GPT-4V|\\w+-VL|audio-visual speech recognition|AVSR',
        3,
      ),
      p('CLIP', 2, { caseSensitive: true }),
      p(
        'multi-?modal\\w*|cross-modal|visual|vision|modalit\\w+|image-text|text-image|captions?',
        1,
      ),
      // Generating images is `generative`; understanding them with language is this topic.
      p('text-to-(?:image|video)|image generation|video generation|diffusion\\w*', -1),
    ],
  },
  agents: {
    exclude: [x('multi-agent reinforcement learning|MARL|user agents?|multi-agent-like')],
    patterns: [
      // Agents in the RL sense alone (Markov games, behaviour spaces) are not this topic.
      p('agents?|agentic|multi-agent', 2, {
        when: /\b(?:LLMs?|language models?|GPT|tools?|web|GUI|multimodal|code|coding|software|apps?|assistants?|benchmarks?|frontier|MCP|APIs?|agentic|tasks)\b/i,
      }),
      p(
        'LLM agents?|language agents?|GUI agents?|web agents?|coding agents?|code agents?|search agents?|tool[- ]use|tool[- ]using|tool[- ]calling|tool[- ]learning|function[- ]calling|tool calls?|tool invocations?|MCP|computer[- ]use|SWE-?bench|ALFWorld|WebShop|OSWorld|AndroidWorld|WebArena|Terminal-?Bench|tau2?-?bench|BrowseComp|deep research',
        3,
      ),
      p(
        'tools?|planning|planner|workflows?|environments?|trajector\\w+|autonomous\\w*|orchestrat\\w+',
        1,
      ),
    ],
  },
  robotics: {
    exclude: [
      x(
        '(?:image|video|media|object|attribute|semantic|pixel|facial|photo|partial|localized|knowledge)[- ]manipulations?|manipulat\\w+ (?:of )?(?:images?|videos?|pixels?|attributes?|content|mutable state|the (?:image|video))|pixel manipulation',
      ),
      x(
        'controll?(?:able|ability|ed)? (?:generation|video|image|synthesis|editing|avatar)|(?:camera|motion|style|lighting|layout|spatial|fine-grained|precise|identity|text|textual|attribute|instruction|content|quality|geometric|4D|interactive motion|multi-condition|input) control\\w*|ControlNet|control (?:signals?|conditions?|modules?|encoder|adapter|representations?)|controllab\\w+|controllable|quality control|access control|version control|external control|retaining control',
      ),
      x(
        'GUI dexterous hands?|dexterous manipulation in both|sim-to-real transfer to real-world physics',
      ),
    ],
    patterns: [
      p(
        'robot\\w*|manipulation|locomotion|humanoids?|legged|quadruped\\w*|vision-language-action|VLAs?|autonomous driving|self-driving|(?:automated|autonomous|connected) vehicles?|CAVs?|driving (?:scenes?|scenarios?|world models?|datasets?|polic(?:y|ies)|planning|simulation|tasks?)|drones?|UAVs?|embodied|navigation|VLN|sim-to-real|sim2real|teleoperation|grasp\\w*|dexterous|MPC|model predictive control|motion planning|end-effector|LIBERO|RoboTwin|nuScenes|BEV|V2V|trajectory (?:planning|prediction)|Unitree|whole-body control',
        2,
      ),
      p(
        'vehicles?|control\\w*|actions?|physical|polic(?:y|ies)|planning|trajector\\w+|imitation learning|behaviou?r cloning',
        1,
      ),
    ],
  },
  'audio-speech': {
    exclude: [x('attack success rates?|(?:audio|speech|music)[- ]driven')],
    patterns: [
      p(
        'speech|audio|text-to-speech|music\\w*|Whisper|HuBERT|wav2vec\\w*|dubbing|spectrograms?|waveforms?|audio-visual|AVSR',
        3,
      ),
      p('ASR', 3, {
        caseSensitive: true,
        unless:
          /\b(?:attacks?|attack success|jailbreak\w*|adversarial|red[- ]team\w*|injection)\b/i,
      }),
      p('TTS', 3, { caseSensitive: true, unless: /test-time scal\w+/i }),
      // Lower case only: "Song" is also a surname in citations.
      p('songs?|singing', 3, { caseSensitive: true }),
      p('speakers?|voices?|spoken|acoustic\\w*|sounds?|listen\\w*', 2),
    ],
  },
};

export const TOPICS: readonly TopicDefinition[] = TOPIC_META.map(({ id }) => ({
  id,
  label: topicLabel(id),
  ...RULES[id],
}));

export const TOPIC_BY_ID: ReadonlyMap<TopicId, TopicDefinition> = new Map(
  TOPICS.map((t) => [t.id, t]),
);

export interface Tagging {
  topics: TopicId[];
  evidence: Partial<Record<TopicId, Evidence>>;
}

/** Tags a title and abstract: the written rules (tagTopics) or the learned tagger over them. */
export type Tagger = (title: string, abstract: string) => Tagging;

export interface TagOptions {
  /** The table to tag with; the real one by default (tests pass their own). */
  topics?: readonly TopicDefinition[];
  /** The score a topic needs; `THRESHOLD` by default. 0 reports every topic scoring above 0. */
  threshold?: number;
}

const titleGrams = new Trigrams();
const abstractGrams = new Trigrams();

function matches(
  { pattern, literals, literalKeys }: TopicPattern,
  text: string,
  lower: string,
  grams: Trigrams,
): string[] {
  if (literals && !grams.mayHaveAny(literals, literalKeys ?? Trigrams.keysOf(literals), lower))
    return [];
  pattern.lastIndex = 0;
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

function addUnique(list: string[], words: string[]): void {
  for (const word of words)
    if (!list.some((w) => w.toLowerCase() === word.toLowerCase())) list.push(word);
}

/**
 * An acronym in parentheses after the phrase it stands for ("mixture-of-experts (MoE)"): blanked
 * out, so that one mention of a phrase counts once.
 */
const DEFINED_ACRONYM = /(?<=[\w-]) \([A-Z][A-Za-z0-9.-]*s?\)/g;
/** A bracketed citation ("[Price, Song and Woodruff, ICALP'17]"): its names are not topic words. */
const CITATION = /\[[A-Z][^\]]{0,120}\]/g;

/**
 * The text with every exclusion blanked out, so no pattern can match inside one; an exclusion
 * whose literals the text (`lower`, read by `grams`) lacks is not run.
 */
function blank(text: string, exclude: readonly RegExp[], lower?: string, grams?: Trigrams): string {
  let out = text;
  for (const re of exclude) {
    const known = lower !== undefined && grams ? excludeLiterals.get(re) : undefined;
    if (known && !grams!.mayHaveAny(known.literals, known.keys, lower!)) continue;
    re.lastIndex = 0;
    out = out.replace(re, (m) => ' '.repeat(m.length));
  }
  return out;
}

/**
 * Tags a paper with the topics it is about. Returns topic ids in table order and, for each,
 * the words of the title and abstract that produced it with the score they added up to.
 */
export function tagTopics(title: string, abstract: string, options: TagOptions = {}): Tagging {
  const { topics = TOPICS, threshold = THRESHOLD } = options;
  const result: Tagging = { topics: [], evidence: {} };
  const whole = `${title}\n${abstract}`;
  const titleOnce = blank(title, [DEFINED_ACRONYM, CITATION]);
  const abstractOnce = blank(abstract, [DEFINED_ACRONYM, CITATION]);
  const titleOnceLower = titleOnce.toLowerCase();
  const abstractOnceLower = abstractOnce.toLowerCase();
  // Blanking only removes letters: what the shared text lacks, every topic's text lacks.
  const tGrams = titleGrams.read(titleOnceLower);
  const aGrams = abstractGrams.read(abstractOnceLower);
  for (const topic of topics) {
    const t = blank(titleOnce, topic.exclude, titleOnceLower, tGrams);
    const a = blank(abstractOnce, topic.exclude, abstractOnceLower, aGrams);
    // Nothing blanked (the usual case): the shared text, lowercased once.
    const tLower = t === titleOnce ? titleOnceLower : t.toLowerCase();
    const aLower = a === abstractOnce ? abstractOnceLower : a.toLowerCase();
    let score = 0;
    let strong = false;
    const titleWords: string[] = [];
    const abstractWords: string[] = [];
    for (const pattern of topic.patterns) {
      const inTitle = matches(pattern, t, tLower, tGrams);
      const inAbstract = matches(pattern, a, aLower, aGrams);
      if (!inTitle.length && !inAbstract.length) continue;
      // Conditions on the whole text, read only for a pattern that matched (most do not).
      if (pattern.when && !pattern.when.test(whole)) continue;
      if (pattern.unless && pattern.unless.test(whole)) continue;
      if (pattern.weight >= STRONG) strong = true;
      if (inTitle.length > 0) score += pattern.weight * TITLE_WEIGHT;
      score += pattern.weight * Math.min(inAbstract.length, MAX_ABSTRACT_HITS);
      // Counter-evidence lowers the score but is not a reason the topic was given.
      if (pattern.weight < 0) continue;
      addUnique(titleWords, inTitle);
      addUnique(abstractWords, inAbstract);
    }
    if (score > 0 && score >= threshold && (strong || threshold === 0)) {
      result.topics.push(topic.id);
      result.evidence[topic.id] = { title: titleWords, abstract: abstractWords, score };
    }
  }
  return result;
}
