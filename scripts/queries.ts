/**
 * Neutral query sets for `npm run bench`, built from the corpus records without any of Paperboy's
 * code: words come from a plain lowercase/whitespace splitter written here (not Paperboy's
 * tokenizer), typos from a list of real misspellings and keyboard slips written here (not from
 * Paperboy's typo classes), and "distinctive" means rarest by document frequency under that
 * plain splitter. Every draw is seeded, and every query belongs to the tune or the held-out half
 * by a hash of its paper's arXiv id, so ranking can be tuned on one half and judged on the other.
 *
 * - Keyword queries: one of the paper's own `keywords` (Hugging Face's keywords for the paper,
 *   as the record carries them), judged by how many of the top 10 carry the same keyword.
 * - Known-item queries: 2–4 of the title's rarest words, in title order, with one natural typo:
 *   a real misspelling of one of the words when the list below has one, else a keyboard slip.
 *   The paper must be in the top 5.
 * - Abstract queries: the abstract's 3 rarest words that are not in the title. The paper must be
 *   in the top 10.
 */
import { fnv1a } from '../src/domain/text.ts';

/** A paper as the benchmark queries see it. */
export interface QueryPaper {
  /** arXiv id: decides the paper's half. */
  id: string;
  title: string;
  abstract: string;
  keywords?: readonly string[];
}

export type Half = 'tune' | 'held-out';

export interface Query {
  /** Position of the paper the query was made from (the known item) in the searched array. */
  index: number;
  half: Half;
  text: string;
  /** For typo queries: the word as written in the title, and how it was misspelled. */
  typo?: { word: string; as: string; kind: 'misspelling' | 'keyboard slip' };
  /** For keyword queries: the keyword as compared between papers. */
  keyword?: string;
}

/** Plain English function words, for choosing query words only (never given to an engine). */
const PLAIN_STOP = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further ' +
    'had has have having he her here hers him his how i if in into is it its itself just me more ' +
    'most my no nor not now of off on once only or other our ours out over own same she should so ' +
    'some such than that the their theirs them then there these they this those through to too ' +
    'under until up us very via was we were what when where which while who whom why will with ' +
    'would you your yours'
  ).split(' '),
);

/**
 * Lowercased words split on whitespace, with punctuation taken off both ends ("(LLMs)," is
 * "llms"; "physics-informed" stays one word). The splitter any script would write first.
 */
export function plainWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/\s+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (word) out.push(word);
  }
  return out;
}

/**
 * Real misspellings of words that occur in paper titles and abstracts: the kinds reported in
 * common-misspelling lists (ie/ei, doubled or single consonants, dropped or swapped letters,
 * spelled as pronounced). Written out for this benchmark; a word's misspelling is used when the
 * word is one of a query's words, and a keyboard slip otherwise.
 */
export const MISSPELLINGS: Readonly<Record<string, readonly string[]>> = {
  abilities: ['abilites'],
  ability: ['abilty'],
  abstract: ['abstact'],
  academic: ['acedemic', 'accademic'],
  acceleration: ['accleration', 'accelleration'],
  accelerating: ['acclerating'],
  accelerator: ['accelarator'],
  accommodate: ['accomodate'],
  according: ['acording'],
  accuracy: ['acuracy', 'accuarcy'],
  accurate: ['acurate'],
  achieve: ['acheive'],
  achieving: ['acheiving'],
  achievement: ['acheivement'],
  acoustic: ['accoustic'],
  across: ['accross'],
  adaptation: ['adaptaion'],
  adaptive: ['adaptative', 'adapative'],
  additional: ['additonal', 'aditional'],
  address: ['adress'],
  addressing: ['adressing'],
  adversarial: ['adversial', 'adverserial'],
  agent: ['agnet'],
  agents: ['agnets'],
  algorithm: ['algorithim', 'algoritm', 'alogrithm'],
  algorithms: ['algorithims', 'algoritms'],
  alignment: ['allignment', 'alignement'],
  analysis: ['anaylsis', 'analyis'],
  animation: ['animaton'],
  anomaly: ['anomoly'],
  anomalies: ['anomolies'],
  answering: ['anwsering'],
  appropriate: ['apropriate', 'approriate'],
  approximate: ['aproximate'],
  approximation: ['aproximation'],
  architecture: ['architecure', 'archtecture', 'architechture'],
  architectures: ['architecures', 'archtectures'],
  assessing: ['assesing'],
  assessment: ['assesment'],
  attack: ['attck'],
  attacks: ['attcks'],
  attention: ['attension', 'attetion'],
  augmentation: ['augumentation', 'agumentation'],
  augmented: ['augumented'],
  automated: ['autoamted'],
  automatic: ['automatical', 'autmatic'],
  autonomous: ['autonomus', 'automonous'],
  autoregressive: ['autoregresive'],
  available: ['availble', 'avaliable'],
  avatar: ['avator'],
  avatars: ['avators'],
  bayesian: ['baysian'],
  behavior: ['behavoir'],
  behaviors: ['behavoirs'],
  benchmark: ['benchamrk', 'bechmark'],
  benchmarks: ['benchamrks', 'bechmarks'],
  benchmarking: ['benchamrking'],
  between: ['betwen', 'bewteen'],
  beyond: ['beyound'],
  biomedical: ['biomedcial'],
  calibration: ['calibraiton'],
  capabilities: ['capabilites', 'capabilties'],
  capability: ['capabilty'],
  catastrophic: ['catastropic'],
  category: ['catagory'],
  categories: ['catagories'],
  challenges: ['chalenges'],
  character: ['charachter', 'charater'],
  characters: ['charaters'],
  chemistry: ['chemisty'],
  clinical: ['clincal'],
  collaboration: ['colaboration'],
  collaborative: ['colaborative'],
  communication: ['comunication'],
  comparison: ['comparision', 'comparsion'],
  competition: ['competion'],
  comprehensive: ['comprehensve', 'compehensive'],
  compression: ['compresion'],
  confidence: ['confidance'],
  consistency: ['consistancy', 'consitency'],
  consistent: ['consistant'],
  context: ['contex', 'conext'],
  continuous: ['continous', 'continuos'],
  contrastive: ['constrastive', 'contrastve'],
  controllable: ['controlable'],
  conversation: ['converstion'],
  convolutional: ['convolutonal'],
  correction: ['corection'],
  curriculum: ['curriculm', 'curiculum'],
  dataset: ['datset'],
  datasets: ['datsets'],
  decision: ['decison'],
  decoding: ['deconding'],
  demonstration: ['demonstation'],
  demonstrations: ['demonstations'],
  denoising: ['denosing'],
  dependency: ['dependancy'],
  dependencies: ['dependancies'],
  detection: ['detecton', 'dectection'],
  dexterous: ['dexterious'],
  diagnosis: ['diagonsis'],
  dialogue: ['dialouge'],
  different: ['diffrent', 'differnt'],
  difference: ['diffrence'],
  diffusion: ['difussion', 'diffussion'],
  dimension: ['dimention'],
  dimensional: ['dimentional'],
  discrete: ['descrete'],
  distillation: ['distilation'],
  distributed: ['distrubuted', 'distribued'],
  document: ['docuemnt', 'documnet'],
  documents: ['docuemnts'],
  domain: ['domian'],
  domains: ['domians'],
  editing: ['editting'],
  effective: ['efective'],
  efficiency: ['efficency', 'effeciency'],
  efficient: ['efficent', 'effecient'],
  efficiently: ['efficently'],
  embedding: ['embeding'],
  embeddings: ['embedings'],
  empirical: ['emperical'],
  encoder: ['enocder'],
  engineering: ['enginering'],
  environment: ['enviroment', 'enviornment'],
  environments: ['enviroments', 'enviornments'],
  estimation: ['estimaton'],
  evaluating: ['evaulating'],
  evaluation: ['evalution', 'evaulation'],
  examples: ['exmaples'],
  existence: ['existance'],
  experience: ['experiance'],
  experiment: ['experiement'],
  experiments: ['experiements'],
  explicit: ['explict'],
  exploration: ['exploraton'],
  extension: ['extention'],
  feedback: ['feeback'],
  fidelity: ['fidelty'],
  field: ['feild'],
  fields: ['feilds'],
  financial: ['finacial'],
  following: ['folowing', 'follwing'],
  forecasting: ['forcasting'],
  forgetting: ['forgeting'],
  foundation: ['foundaton'],
  framework: ['framwork'],
  function: ['fucntion', 'funtion'],
  functions: ['fucntions'],
  gaussian: ['guassian', 'gausian'],
  gaussians: ['guassians'],
  generalization: ['generalizaton'],
  generation: ['genration', 'generaton'],
  generative: ['generatve', 'genrative'],
  geometry: ['geomtry', 'geometery'],
  geospatial: ['geospacial'],
  gradient: ['gradiant'],
  gradients: ['gradiants'],
  grammar: ['grammer'],
  guarantee: ['gaurantee'],
  guarantees: ['gaurantees'],
  hallucination: ['halucination', 'hallucinaton'],
  hallucinations: ['halucinations'],
  harmful: ['harmfull'],
  height: ['heigth'],
  hierarchical: ['heirarchical', 'hierarchial'],
  hierarchy: ['heirarchy'],
  humanoid: ['humaniod'],
  identity: ['indentity'],
  imitation: ['immitation'],
  implicit: ['implict'],
  independent: ['independant'],
  inference: ['inferrence', 'infernece'],
  instruction: ['instuction', 'intruction'],
  instructions: ['instuctions'],
  interactive: ['interative'],
  interpretability: ['interpretibility'],
  interpretable: ['interpretible'],
  kernel: ['kernal'],
  kernels: ['kernals'],
  knowledge: ['knowlege', 'knowledege'],
  language: ['langauge', 'lanugage'],
  languages: ['langauges'],
  latency: ['latancy'],
  learning: ['leanring', 'learing'],
  length: ['lenght'],
  literature: ['litterature', 'literture'],
  manipulation: ['manipualtion'],
  mathematical: ['mathmatical'],
  mathematics: ['mathmatics'],
  mechanism: ['mechanisim'],
  mechanisms: ['mechanisims'],
  medical: ['medcial'],
  memory: ['memroy'],
  metric: ['metirc'],
  metrics: ['metircs'],
  model: ['modle'],
  models: ['modles'],
  molecular: ['moleculer'],
  multilingual: ['mulitlingual', 'multilingal'],
  multimodal: ['mutlimodal', 'multimodel'],
  navigation: ['navagation'],
  necessary: ['neccessary', 'neccesary'],
  network: ['netwrok', 'newtork'],
  networks: ['netowrks'],
  neural: ['nueral'],
  object: ['obejct'],
  objects: ['obejcts'],
  occurrence: ['occurence'],
  opportunities: ['oppurtunities'],
  optimization: ['optimzation', 'optmization'],
  optimizer: ['optimzer'],
  parallel: ['paralel', 'parrallel'],
  parameter: ['paramter', 'paramater'],
  parameters: ['paramters'],
  patient: ['pateint'],
  patients: ['pateints'],
  perception: ['preception'],
  performance: ['perfomance', 'preformance', 'performace'],
  personalized: ['personlized'],
  physics: ['phyiscs', 'physcis'],
  planning: ['planing'],
  positional: ['postional'],
  prediction: ['predicton', 'prediciton'],
  preference: ['preferrence', 'prefrence'],
  preferences: ['preferrences', 'prefrences'],
  preserving: ['perserving'],
  probabilistic: ['probablistic'],
  problem: ['probelm'],
  problems: ['probelms'],
  processing: ['proccessing', 'procesing'],
  programming: ['programing'],
  prompt: ['promt'],
  prompts: ['promts'],
  prompting: ['promting'],
  protein: ['protien'],
  proteins: ['protiens'],
  pruning: ['prunning'],
  quality: ['qualtiy', 'quaility'],
  quantization: ['quantizaton', 'quantiztion'],
  question: ['quesiton', 'questoin'],
  questions: ['quesitons'],
  radiance: ['radience'],
  realistic: ['realisitc'],
  reasoning: ['reasonning', 'reasning'],
  receive: ['recieve'],
  recognition: ['recogniton', 'recongition'],
  recommendation: ['recomendation', 'reccomendation'],
  recommender: ['recomender'],
  reconstruction: ['reconstuction'],
  recurrent: ['reccurent', 'recurent'],
  reference: ['refrence'],
  referring: ['refering'],
  reinforcement: ['reinforcment', 'reinforcemnt'],
  relevance: ['relevence'],
  relevant: ['relevent'],
  representation: ['representaion', 'represenation'],
  representations: ['representaions'],
  research: ['reserach', 'resarch'],
  resolution: ['resoultion'],
  retrieval: ['retreival', 'retrival'],
  revisiting: ['revisting'],
  robotic: ['robtic'],
  robotics: ['robtics'],
  robust: ['robost'],
  safety: ['saftey'],
  satellite: ['sattelite', 'satelite'],
  scalable: ['scaleable'],
  scaling: ['scalling'],
  scene: ['secne'],
  scientific: ['scientfic'],
  search: ['serach'],
  security: ['secuirty', 'securty'],
  segmentation: ['segmentaion', 'segementation'],
  semantic: ['sematic'],
  sentence: ['sentance'],
  separate: ['seperate'],
  separation: ['seperation'],
  sequence: ['sequnce', 'sequece'],
  sequential: ['sequencial'],
  similar: ['similiar', 'simmilar'],
  similarity: ['similiarity'],
  simulation: ['simualtion'],
  software: ['sofware'],
  sparse: ['sparce'],
  sparsity: ['sparcity'],
  spatial: ['spacial', 'spatail'],
  speculative: ['speculatve'],
  speech: ['speach'],
  stochastic: ['stocastic'],
  strategy: ['stratgey', 'stategy'],
  successful: ['succesful', 'successfull'],
  summarization: ['summerization'],
  supervised: ['supervized'],
  survey: ['survery'],
  synthesis: ['sythesis', 'synthesys'],
  synthetic: ['sythetic'],
  system: ['sytem'],
  systems: ['sytems'],
  temporal: ['temporial', 'tempral'],
  theoretical: ['theoritical'],
  threshold: ['threshhold'],
  through: ['throught'],
  tokenization: ['tokenizaton'],
  towards: ['torwards', 'towrads'],
  training: ['trainning', 'traning'],
  trajectory: ['trajectroy', 'trajetory'],
  transfer: ['tranfer'],
  transformer: ['transfomer', 'tranformer'],
  transformers: ['transfomers', 'tranformers'],
  translation: ['tranlation'],
  tuning: ['tunning'],
  uncertainty: ['uncertainity'],
  understanding: ['understading', 'undestanding'],
  unified: ['unifed'],
  universal: ['univeral'],
  unsupervised: ['unsupervized'],
  vehicle: ['vehical'],
  video: ['vedio'],
  videos: ['vedios'],
  vision: ['vison'],
  visual: ['visiual'],
  weight: ['wieght'],
  weights: ['wieghts'],
  without: ['witout'],
};

/** Keys next to each key on a QWERTY keyboard (letters only). */
const QWERTY_NEIGHBOURS: Readonly<Record<string, string>> = {
  q: 'wa',
  w: 'qeas',
  e: 'wrsd',
  r: 'etdf',
  t: 'ryfg',
  y: 'tugh',
  u: 'yihj',
  i: 'uojk',
  o: 'ipkl',
  p: 'ol',
  a: 'qwsz',
  s: 'awedxz',
  d: 'serfcx',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  z: 'asx',
  x: 'zsdc',
  c: 'xdfv',
  v: 'cfgb',
  b: 'vghn',
  n: 'bhjm',
  m: 'njk',
};

/**
 * One keyboard slip in a lowercase word of 4+ letters, never in its first letter: a neighbouring
 * key instead of the right one, a neighbouring key pressed as well, a key pressed twice, a
 * letter left out, or two letters typed in the wrong order. Returns the word unchanged when the
 * drawn slip would leave it so (the caller draws again).
 */
export function keyboardSlip(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 1));
  const letter = word[at]!;
  const near = QWERTY_NEIGHBOURS[letter] ?? '';
  const pick = (s: string) => s[Math.floor(random() * s.length)]!;
  switch (Math.floor(random() * 5)) {
    case 0:
      return near ? word.slice(0, at) + pick(near) + word.slice(at + 1) : word;
    case 1:
      return near ? word.slice(0, at) + pick(near) + word.slice(at) : word;
    case 2:
      return word.slice(0, at) + letter + word.slice(at);
    case 3:
      return word.slice(0, at) + word.slice(at + 1);
    default:
      return at + 1 < word.length
        ? word.slice(0, at) + word[at + 1] + letter + word.slice(at + 2)
        : word;
  }
}

/** The half a paper's queries belong to: about half of the papers each, fixed by the id. */
export const halfOf = (id: string): Half =>
  fnv1a(`paperboy-bench:${id}`) % 2 ? 'held-out' : 'tune';

/** Number of papers each plain word occurs in (title or abstract). */
export function documentFrequency(papers: readonly QueryPaper[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const p of papers)
    for (const w of new Set(plainWords(`${p.title} ${p.abstract}`)))
      df.set(w, (df.get(w) ?? 0) + 1);
  return df;
}

const isQueryWord = (w: string) => !PLAIN_STOP.has(w) && /\p{L}/u.test(w);

/** The `count` rarest words, rarest first, ties broken by a seeded draw. */
function rarest(
  words: readonly string[],
  count: number,
  df: Map<string, number>,
  random: () => number,
): string[] {
  const tie = new Map(words.map((w) => [w, random()]));
  return [...words]
    .sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || tie.get(a)! - tie.get(b)!)
    .slice(0, count);
}

/** Up to `count` distinct paper positions, drawn with the seeded generator. */
function drawPapers(eligible: readonly number[], count: number, random: () => number): number[] {
  const pool = [...eligible];
  const out: number[] = [];
  while (out.length < count && pool.length) {
    const i = Math.floor(random() * pool.length);
    out.push(pool[i]!);
    pool[i] = pool[pool.length - 1]!;
    pool.pop();
  }
  return out;
}

/**
 * Queries for up to `sample` papers drawn at random from `papers[0..pool)`: `make` writes a
 * paper's query, or returns null when the paper cannot have one (the next paper is drawn).
 */
function queriesFor(
  papers: readonly QueryPaper[],
  sample: number,
  random: () => number,
  pool: number,
  make: (paper: QueryPaper) => Omit<Query, 'index' | 'half'> | null,
): Query[] {
  const out: Query[] = [];
  for (const index of drawPapers([...Array(pool).keys()], pool, random)) {
    if (out.length >= sample) break;
    const paper = papers[index]!;
    const query = make(paper);
    if (query) out.push({ index, half: halfOf(paper.id), ...query });
  }
  return out;
}

/** One natural typo in one of the words: a real misspelling when the list has one, else a slip. */
function misspell(words: readonly string[], random: () => number): Query['typo'] | null {
  const typable = words.filter((w) => /^[a-z]{4,}$/.test(w));
  const known = typable.filter((w) => MISSPELLINGS[w]);
  if (known.length) {
    const word = known[Math.floor(random() * known.length)]!;
    const options = MISSPELLINGS[word]!;
    return { word, as: options[Math.floor(random() * options.length)]!, kind: 'misspelling' };
  }
  if (!typable.length) return null;
  const word = typable[Math.floor(random() * typable.length)]!;
  let as = word;
  for (let tries = 0; as === word && tries < 10; tries++) as = keyboardSlip(word, random);
  return as === word ? null : { word, as, kind: 'keyboard slip' };
}

/**
 * Known-item queries for `sample` papers drawn from `papers[0..pool)`: 2–4 of the rarest title
 * words, in title order, one of them (4+ letters) misspelled.
 */
export function knownItemQueries(
  papers: readonly QueryPaper[],
  df: Map<string, number>,
  sample: number,
  random: () => number,
  pool = papers.length,
): Query[] {
  return queriesFor(papers, sample, random, pool, (paper) => {
    const titleWords = [...new Set(plainWords(paper.title))].filter(isQueryWord);
    const k = 2 + Math.floor(random() * 3);
    const chosen = new Set(rarest(titleWords, k, df, random));
    const words = titleWords.filter((w) => chosen.has(w));
    const typo = words.length >= 2 ? misspell(words, random) : null;
    if (!typo) return null;
    return { text: words.map((w) => (w === typo.word ? typo.as : w)).join(' '), typo };
  });
}

/** Abstract queries: the 3 rarest abstract words of 4+ letters that are not title words. */
export function abstractQueries(
  papers: readonly QueryPaper[],
  df: Map<string, number>,
  sample: number,
  random: () => number,
  pool = papers.length,
): Query[] {
  return queriesFor(papers, sample, random, pool, (paper) => {
    const inTitle = new Set(plainWords(paper.title));
    const words = [...new Set(plainWords(paper.abstract))].filter(
      (w) => isQueryWord(w) && /^\p{L}{4,}$/u.test(w) && !inTitle.has(w),
    );
    return words.length < 3 ? null : { text: rarest(words, 3, df, random).join(' ') };
  });
}

/** How keywords compare between papers: case and spacing ignored. */
export const keywordKey = (keyword: string) => keyword.toLowerCase().replace(/\s+/g, ' ').trim();

/** Keyword queries: one of the paper's own keywords, drawn at random, as the record writes it. */
export function keywordQueries(
  papers: readonly QueryPaper[],
  sample: number,
  random: () => number,
  pool = papers.length,
): Query[] {
  const eligible = [...Array(pool).keys()].filter((i) => papers[i]!.keywords?.length);
  return drawPapers(eligible, sample, random).map((index) => {
    const paper = papers[index]!;
    const keywords = paper.keywords!;
    const keyword = keywords[Math.floor(random() * keywords.length)]!;
    return { index, half: halfOf(paper.id), text: keyword, keyword: keywordKey(keyword) };
  });
}

/** For each keyword, the positions of the papers that carry it. */
export function papersByKeyword(papers: readonly QueryPaper[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  papers.forEach((p, i) => {
    for (const k of p.keywords ?? []) {
      const key = keywordKey(k);
      let set = out.get(key);
      if (!set) out.set(key, (set = new Set()));
      set.add(i);
    }
  });
  return out;
}
