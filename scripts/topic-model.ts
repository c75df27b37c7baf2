/**
 * A learned topic tagger, measured against the rules (issue 22): one logistic regression per
 * topic over word and word-pair features of title and abstract plus the rule tagger's own
 * verdict as a feature, trained on the train split of the read labels
 * (tests/topics/corpus-labels.json), its threshold chosen on the dev split, and scored once on
 * the frozen test split (tests/topics/corpus-labels-test.json) only to report.
 *
 * npx tsx scripts/topic-model.ts      prints dev and test figures for the rules and the model
 *
 * Pure training code is here; the corpus is read from ../shared/corpus at run time.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOPIC_IDS, type TopicId } from '../src/domain/topic-meta.ts';
import { tokenize, STOP_WORDS } from '../src/domain/tokenize.ts';
import { readCorpus, tagCorpusPaper, type CorpusPaper } from './topic-labels.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface ReadLabel {
  id: string;
  topics: TopicId[];
  split: 'train' | 'dev' | 'test';
}

export function readLabelFiles(): ReadLabel[] {
  return ['tests/topics/corpus-labels.json', 'tests/topics/corpus-labels-test.json'].flatMap(
    (f) => JSON.parse(readFileSync(join(ROOT, f), 'utf8')) as ReadLabel[],
  );
}

/** Features of a paper: title words (t:), abstract words (a:), word pairs (b:), rule topics (r:). */
export function features(title: string, abstract: string, rules: readonly string[]): string[] {
  const out = new Set<string>();
  const add = (prefix: string, text: string) => {
    const words = tokenize(text).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
    for (const w of words) out.add(`${prefix}${w}`);
    for (let i = 0; i + 1 < words.length; i++) out.add(`b:${words[i]}_${words[i + 1]}`);
  };
  add('t:', title);
  add('a:', abstract);
  for (const r of rules) out.add(`r:${r}`);
  return [...out];
}

interface Model {
  weights: Map<string, number>;
  bias: number;
}

/** L2-regularised logistic regression by plain gradient descent (small data: 1,000 papers). */
function train(xs: string[][], ys: number[], epochs = 60, rate = 0.3, l2 = 1e-4): Model {
  const weights = new Map<string, number>();
  let bias = 0;
  const pos = ys.filter((y) => y === 1).length;
  // Positives weighted up to half the mass, so rare topics are learned at all.
  const wPos = pos ? Math.min(5, Math.max(1, (ys.length - pos) / pos / 2)) : 1;
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      let z = bias;
      for (const f of x) z += weights.get(f) ?? 0;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - ys[i]!) * (ys[i] === 1 ? wPos : 1);
      const step = rate / Math.sqrt(x.length + 1);
      bias -= rate * g * 0.1;
      for (const f of x) {
        const w = weights.get(f) ?? 0;
        weights.set(f, w - step * (g + l2 * w));
      }
    }
  }
  return { weights, bias };
}

function prob(m: Model, x: readonly string[]): number {
  let z = m.bias;
  for (const f of x) z += m.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const pr = (c: Counts) => ({
  p: c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1,
  r: c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1,
});

function score(
  labels: readonly ReadLabel[],
  predict: (l: ReadLabel) => Set<string>,
): { per: Map<string, Counts>; micro: Counts } {
  const per = new Map<string, Counts>(TOPIC_IDS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const micro = { tp: 0, fp: 0, fn: 0 };
  for (const l of labels) {
    const got = predict(l);
    const want = new Set<string>(l.topics);
    for (const t of TOPIC_IDS) {
      const c = per.get(t)!;
      const g = got.has(t);
      const w = want.has(t);
      const kind = g && w ? 'tp' : g ? 'fp' : w ? 'fn' : null;
      if (kind) {
        c[kind]++;
        micro[kind]++;
      }
    }
  }
  return { per, micro };
}

function print(name: string, s: ReturnType<typeof score>, n: number) {
  const f = (x: number) => x.toFixed(2);
  console.log(`\n${name} (${n} papers)`);
  console.log(`${'topic'.padEnd(24)} labelled tagged   P     R`);
  for (const [t, c] of s.per) {
    const { p, r } = pr(c);
    console.log(
      `${t.padEnd(24)} ${String(c.tp + c.fn).padStart(8)} ${String(c.tp + c.fp).padStart(6)} ${f(p)}  ${f(r)}`,
    );
  }
  const { p, r } = pr(s.micro);
  console.log(`${'micro'.padEnd(24)} ${' '.repeat(15)} ${f(p)}  ${f(r)}`);
}

function main() {
  const corpus = readCorpus();
  const labels = readLabelFiles();
  const paper = (l: ReadLabel): CorpusPaper => corpus.get(l.id)!;
  const rules = new Map(labels.map((l) => [l.id, tagCorpusPaper(paper(l)).topics as string[]]));
  const feats = new Map(
    labels.map((l) => [l.id, features(paper(l).title, paper(l).abstract, rules.get(l.id)!)]),
  );
  const split = (s: ReadLabel['split']) => labels.filter((l) => l.split === s);
  const [trainSet, dev, test] = [split('train'), split('dev'), split('test')];
  const models = new Map<string, Model>();
  const thresholds = new Map<string, number>();
  for (const t of TOPIC_IDS) {
    const m = train(
      trainSet.map((l) => feats.get(l.id)!),
      trainSet.map((l) => (l.topics.includes(t) ? 1 : 0)),
    );
    models.set(t, m);
    // The threshold with the best F1 on dev, 0.5 when dev has no positives.
    let best = 0.5;
    let bestF = -1;
    for (let th = 0.05; th <= 0.95; th += 0.025) {
      const c = { tp: 0, fp: 0, fn: 0 };
      for (const l of dev) {
        const g = prob(m, feats.get(l.id)!) >= th;
        const w = l.topics.includes(t);
        if (g && w) c.tp++;
        else if (g) c.fp++;
        else if (w) c.fn++;
      }
      // Too few dev positives to choose by: the plain 0.5.
      if (dev.filter((l) => l.topics.includes(t)).length < 5) break;
      const { p, r } = pr(c);
      const f = p + r ? (2 * p * r) / (p + r) : 0;
      if (f > bestF) {
        bestF = f;
        best = th;
      }
    }
    thresholds.set(t, best);
  }
  const model = (l: ReadLabel) =>
    new Set(TOPIC_IDS.filter((t) => prob(models.get(t)!, feats.get(l.id)!) >= thresholds.get(t)!));
  const rule = (l: ReadLabel) => new Set(rules.get(l.id)!);
  console.log(`train ${trainSet.length}, dev ${dev.length}, test ${test.length}`);
  print('rules, dev', score(dev, rule), dev.length);
  print('model, dev', score(dev, model), dev.length);
  if (process.argv.includes('--test')) {
    print('rules, test (frozen)', score(test, rule), test.length);
    print('model, test (frozen)', score(test, model), test.length);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
