/**
 * Topic ids and labels: the part of the topic table the reader app needs on its first screen
 * (labels, URL validation). The patterns that assign topics live in topics.ts, used by ingest.
 */
export interface TopicMeta {
  /** Used in URLs and feed file names. */
  id: string;
  label: string;
}

export const TOPIC_META: readonly TopicMeta[] = [
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
];

export const TOPIC_LABELS: ReadonlyMap<string, string> = new Map(
  TOPIC_META.map((t) => [t.id, t.label]),
);

/** The label of a topic id, or the id itself for a topic this build does not know. */
export function topicLabel(id: string): string {
  return TOPIC_LABELS.get(id) ?? id;
}
