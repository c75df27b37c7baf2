/**
 * The topic table: every topic's id and label, defined once. The reader app needs it on its first
 * screen (labels, URL validation); the patterns that assign topics live in topics.ts, used by
 * ingest, and are keyed by `TopicId`, so a pattern for a topic missing here does not compile.
 * What each topic holds is written in docs/topics.md.
 */
const TABLE = [
  { id: 'sparsity', label: 'Sparsity & pruning' },
  { id: 'data-assimilation', label: 'Data assimilation & model error' },
  { id: '3d-vision', label: '3D vision & neural rendering' },
  { id: 'human-motion', label: 'Human pose & motion' },
  { id: 'llm', label: 'LLMs & efficient inference' },
  { id: 'interpretability', label: 'Sparse autoencoders & interpretability' },
  { id: 'retrieval', label: 'Retrieval & recommendation' },
  { id: 'reinforcement-learning', label: 'Reinforcement learning' },
  { id: 'scientific-ml', label: 'Physics-informed & scientific ML' },
  { id: 'compression', label: 'Compression & quantization' },
  { id: 'statistics', label: 'Statistics & learning theory' },
  { id: 'causal-inference', label: 'Causal inference' },
  { id: 'generative', label: 'Diffusion & generative models' },
  { id: 'multimodal', label: 'Vision-language & multimodal' },
  { id: 'agents', label: 'Agents & tool use' },
  { id: 'robotics', label: 'Robotics & control' },
  { id: 'audio-speech', label: 'Audio & speech' },
] as const;

/** A topic id this build knows: used in URLs, feed file names and saved followed topics. */
export type TopicId = (typeof TABLE)[number]['id'];

export interface TopicMeta {
  id: TopicId;
  label: string;
}

/** The table, in the order the app lists topics. */
export const TOPIC_META: readonly TopicMeta[] = TABLE;

/** Topic ids in table order. */
export const TOPIC_IDS: readonly TopicId[] = TOPIC_META.map((t) => t.id);

/** Keyed by plain strings so ids from URLs and storage can be checked with `has`. */
export const TOPIC_LABELS: ReadonlyMap<string, string> = new Map(
  TOPIC_META.map((t) => [t.id, t.label]),
);

/** Whether a string from a URL, a file or storage is a topic id this build knows. */
export function isTopicId(id: string): id is TopicId {
  return TOPIC_LABELS.has(id);
}

/** The label of a topic id, or the id itself for a topic this build does not know. */
export function topicLabel(id: string): string {
  return TOPIC_LABELS.get(id) ?? id;
}
