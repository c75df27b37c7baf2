/**
 * The labelled set for the topic tagger: reading the shared corpus, the label file, the
 * deterministic tune/holdout split, the draw of papers to label and the measures. Used by
 * scripts/label-sample.ts (which prints papers to read), scripts/eval-topics.ts (which measures
 * the tagger) and tests/domain/topics.test.ts. The corpus is read from ../shared/corpus at run
 * time and never copied: the label file holds only arXiv ids and topics.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as z from 'zod/mini';
import { buildPaperWarning } from '../src/domain/dataset.ts';
import type { Tagger } from '../src/domain/topics.ts';
import type { Paper } from '../src/domain/schema.ts';
import { seeded } from './corpus.ts';
import { fnv1a } from '../src/domain/text.ts';
import { TOPIC_IDS, type TopicId } from '../src/domain/topic-meta.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = join(ROOT, '../shared/corpus');
export const CORPUS_FILES = ['hf-daily-papers.jsonl.gz', 'hf-daily-papers-2024.jsonl.gz'];
export const LABELS_FILE = join(ROOT, 'tests/topics/labels.json');

export interface CorpusPaper {
  id: string;
  title: string;
  abstract: string;
}

/** Every paper of the shared corpora, each arXiv id once (the first file wins). */
export function readCorpus(dir = CORPUS_DIR): Map<string, CorpusPaper> {
  const papers = new Map<string, CorpusPaper>();
  for (const name of CORPUS_FILES) {
    const file = join(dir, name);
    if (!existsSync(file))
      throw new Error(
        `${file} is missing: the topic labels are checked against ../shared/corpus, read at run time (see its README.md).`,
      );
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const row = JSON.parse(line) as Partial<CorpusPaper>;
      if (typeof row.id !== 'string' || typeof row.title !== 'string' || !row.abstract)
        throw new Error(`${name} line ${i + 1}: expected id, title and abstract`);
      if (!papers.has(row.id))
        papers.set(row.id, { id: row.id, title: row.title, abstract: row.abstract });
    });
  }
  return papers;
}

export type Split = 'tune' | 'holdout';

/** About one paper in three is held out: it is measured but never looked at while tuning. */
export function splitOf(id: string): Split {
  return fnv1a(id) % 3 === 0 ? 'holdout' : 'tune';
}

const topicId = z.enum(TOPIC_IDS);
export const labelSchema = z.object({
  id: z.string().check(z.regex(/^\d{4}\.\d{4,5}$/, 'expected an arXiv id')),
  topics: z.array(topicId),
  split: z.enum(['tune', 'holdout']),
  why: z.string().check(z.regex(/^(sample|keyword:.+)$/, 'expected "sample" or "keyword:<word>"')),
});
export type Label = z.infer<typeof labelSchema>;

/** The label file, validated: throws naming each bad entry. */
export function readLabels(file = LABELS_FILE): Label[] {
  if (!existsSync(file)) return [];
  const parsed = z.array(labelSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')}`,
    );
  const seen = new Set<string>();
  for (const label of parsed.data) {
    if (seen.has(label.id)) throw new Error(`${file}: ${label.id} is labelled twice`);
    if (label.split !== splitOf(label.id))
      throw new Error(
        `${file}: ${label.id} is in ${label.split} but its hash puts it in ${splitOf(label.id)}`,
      );
    seen.add(label.id);
  }
  return parsed.data;
}

/**
 * The label file as Prettier writes it (so `npm run format:check` passes without a rewrite): an
 * entry on one line when it fits in 100 columns, one field a line otherwise.
 */
export function formatLabels(labels: readonly Label[]): string {
  const entry = (l: Label, last: boolean) => {
    const fields = [
      `"id": "${l.id}"`,
      `"topics": [${l.topics.map((t) => `"${t}"`).join(', ')}]`,
      `"split": "${l.split}"`,
      `"why": "${l.why}"`,
    ];
    const comma = last ? '' : ',';
    const line = `  { ${fields.join(', ')} }${comma}`;
    return line.length <= 100 ? line : `  {\n    ${fields.join(',\n    ')}\n  }${comma}`;
  };
  return `[\n${labels.map((l, i) => entry(l, i === labels.length - 1)).join('\n')}\n]\n`;
}

export const SAMPLE_SEED = 20250919;
export const SAMPLE_SIZE = 200;

/**
 * Hard cases: papers whose words mislead a keyword tagger, drawn per pattern (title or
 * abstract) after the random sample, `count` of each, none drawn twice.
 */
export const KEYWORDS: readonly { name: string; pattern: RegExp; count: number }[] = [
  { name: 'sparse', pattern: /\bsparse/i, count: 12 },
  { name: 'sparsity', pattern: /\bsparsi(ty|fication|fy)/i, count: 8 },
  { name: 'ASR', pattern: /\bASR\b/, count: 8 },
  { name: 'assimilation', pattern: /assimilat|kalman/i, count: 7 },
  { name: 'interpretab', pattern: /interpretab/i, count: 8 },
  { name: 'MoE', pattern: /\bMoEs?\b|mixture[- ]of[- ]experts/i, count: 10 },
  { name: 'prune', pattern: /\bprun(e|ed|es|ing)\b/i, count: 8 },
  {
    name: 'token-reduction',
    pattern: /\btoken (pruning|dropping|merging|reduction|compression|eviction)/i,
    count: 6,
  },
  { name: 'reward', pattern: /\breward/i, count: 8 },
  { name: 'rendering', pattern: /\brender/i, count: 8 },
  { name: 'quantiz', pattern: /quantiz/i, count: 6 },
  { name: 'retriev', pattern: /retriev/i, count: 6 },
  { name: 'agent', pattern: /\bagent/i, count: 6 },
  { name: 'diffusion', pattern: /\bdiffusion/i, count: 6 },
  { name: 'minimax', pattern: /minimax/i, count: 4 },
  { name: 'causal', pattern: /\bcausal/i, count: 6 },
  { name: 'motion', pattern: /\b(human motion|pose estimation|motion generation)/i, count: 4 },
  { name: 'control', pattern: /\bcontrol(lable|led)?\b/i, count: 4 },
  { name: 'physics', pattern: /\b(physics|PDEs?|partial differential)\b/i, count: 4 },
  // A second round, appended so the draws above stay as they were: the first round left too few
  // sparsity papers in the holdout to measure, and too few of the smaller topics.
  {
    name: 'sparse-model',
    pattern:
      /\bsparse (attention|activation|training|model|network|mixture|moe|expert|autoencoder|coding|regression|recovery|retriev)|\bsparsit/i,
    count: 18,
  },
  { name: 'MoE-2', pattern: /\bMoEs?\b|mixture[- ]of[- ]experts/i, count: 8 },
  { name: 'prune-2', pattern: /\bprun(e|ed|es|ing)\b/i, count: 6 },
  {
    name: 'theory',
    pattern:
      /\b(regret|minimax (rate|optimal)|sample complexity|convergence rates?|theorem|estimators?|conformal)\b/i,
    count: 8,
  },
  {
    name: 'causal-inference',
    pattern: /causal (inference|discovery|effects?)|treatment effects?|counterfactual/i,
    count: 6,
  },
  {
    name: 'science',
    pattern: /\b(PINNs?|neural operators?|PDEs?|weather|climate|molecul\w*|proteins?)\b/i,
    count: 8,
  },
  { name: 'human', pattern: /\b(SMPL|human pose|motion capture|avatars?)\b/i, count: 5 },
  {
    name: 'interpretability',
    pattern: /sparse autoencoders?|mechanistic interpretab|\bprobing\b/i,
    count: 6,
  },
  { name: 'robot', pattern: /\brobot/i, count: 5 },
];

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The papers to label, in order, with why each was drawn: a seeded random sample of the
 * corpus, then the hard keyword cases. The same corpus gives the same draw on every run.
 */
export function drawSample(corpus: ReadonlyMap<string, CorpusPaper>): [CorpusPaper, string][] {
  const all = [...corpus.values()].sort((a, b) => a.id.localeCompare(b.id));
  const random = seeded(SAMPLE_SEED);
  const chosen = new Set<string>();
  const out: [CorpusPaper, string][] = [];
  for (const paper of shuffled(all, random).slice(0, SAMPLE_SIZE)) {
    chosen.add(paper.id);
    out.push([paper, 'sample']);
  }
  for (const { name, pattern, count } of KEYWORDS) {
    const matching = all.filter(
      (p) => !chosen.has(p.id) && (pattern.test(p.title) || pattern.test(p.abstract)),
    );
    for (const paper of shuffled(matching, random).slice(0, count)) {
      chosen.add(paper.id);
      out.push([paper, `keyword:${name}`]);
    }
  }
  return out;
}

/** A paper of the corpus tagged as ingest tags it: cleaned by buildPaper, then tagged. */
export function tagCorpusPaper(paper: CorpusPaper, tag?: Tagger): Paper {
  return buildPaperWarning(
    { title: paper.title, abstract: paper.abstract, date: '2000-01-01', line: 0 },
    () => {},
    tag,
  );
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function scores({ tp, fp, fn }: Counts): Scores {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export interface Evaluation {
  papers: number;
  perTopic: Map<TopicId, Scores>;
  micro: Scores;
  /** Every labelled paper with what the tagger said, for reading errors. */
  results: { label: AnyLabel; paper: Paper }[];
}

/** A label of either set: the first (tune / holdout) or the second (train / dev / test). */
export interface AnyLabel {
  id: string;
  topics: readonly TopicId[];
  split: string;
  why: string;
}

/**
 * Measures the tagger against the labels of one split. A paper in the labels but not in the
 * corpus is an error (the corpus changed under the labels), never silently skipped.
 */
export function evaluate(
  labels: readonly AnyLabel[],
  corpus: ReadonlyMap<string, CorpusPaper>,
  split: string,
  tag: (paper: CorpusPaper) => Paper = tagCorpusPaper,
): Evaluation {
  const counts = new Map<TopicId, Counts>(TOPIC_IDS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const results: Evaluation['results'] = [];
  for (const label of labels) {
    if (label.split !== split) continue;
    const source = corpus.get(label.id);
    if (!source) throw new Error(`labelled paper ${label.id} is not in the corpus`);
    const paper = tag(source);
    results.push({ label, paper });
    const want = new Set<string>(label.topics);
    const got = new Set<string>(paper.topics);
    for (const t of TOPIC_IDS) {
      const c = counts.get(t)!;
      if (want.has(t) && got.has(t)) c.tp++;
      else if (got.has(t)) c.fp++;
      else if (want.has(t)) c.fn++;
    }
  }
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const c of counts.values()) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  return {
    papers: results.length,
    perTopic: new Map([...counts].map(([t, c]) => [t, scores(c)])),
    micro: scores(total),
    results,
  };
}
