/**
 * npm run eval:topics [--errors] [--topic ID] [--dev-only] [--rules]
 *
 * Measures the ingest's topic tagger (the learned tagger over the written rules, as
 * scripts/ingest-cli.ts runs it; `--rules` for the rules alone) against papers read and
 * labelled against docs/topics.md, with the shared corpus read from ../shared/corpus at run time:
 * precision and recall per topic with their counts, and micro overall, on the dev split (with a
 * model trained on train alone) and the frozen test split (never trained or tuned on, scored only
 * to report; ingest's model is trained on train and dev); then the first label set (tests/topics/labels.json, made next to
 * the rules, so not independent), and the data-assimilation check over the whole corpus and the
 * seed day. `--errors` lists dev errors (never test's); `--dev-only` leaves test out, for the loop
 * of changing the tagger.
 *
 * The targets are printed, not asserted: tests/domain/topics.test.ts guards against regressions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateDayFile } from '../src/domain/schema.ts';
import { TOPIC_IDS, type TopicId, isTopicId } from '../src/domain/topic-meta.ts';
import { modelTagger } from '../src/domain/topic-model.ts';
import { tagTopics, type Tagger } from '../src/domain/topics.ts';
import { loadTopicModel, readLabelFiles, trainFromLabels } from './topic-model.ts';
import {
  CORPUS_DIR,
  CORPUS_FILES,
  type Evaluation,
  type Scores,
  evaluate,
  readCorpus,
  readLabels,
  tagCorpusPaper,
} from './topic-labels.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED_DAY = join(ROOT, 'data/days/2025-09-19.json');

/**
 * The seed day's data-assimilation papers, chosen by reading their abstracts: learning model
 * error from analysis increments (two papers) and an AI data-assimilation model for global
 * weather. The tagger must find these and no other seed paper.
 */
export const SEED_DA_IDS = [
  'interpretable-structural-model-error-discovery-from-sparse-1yi9e7e',
  'discovery-of-interpretable-structural-model-errors-by-combining-13mqnj8',
  'towards-an-end-to-end-artificial-intelligence-driven-global-rcliel',
];

/** The frozen test split's targets (issue 22). */
export const TARGETS = {
  microPrecision: 0.9,
  microRecall: 0.85,
  topicPrecision: 0.8,
  sparsityPrecision: 0.85,
  sparsityRecall: 0.8,
};

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const pct = (x: number) => x.toFixed(2);
const pad = (s: string | number, n: number) => String(s).padStart(n);

function table(name: string, e: Evaluation, out: Io['out']): void {
  out(`\n${name}: ${e.papers} papers`);
  out(
    `${'topic'.padEnd(24)}${pad('labelled', 9)}${pad('tagged', 7)}${pad('TP', 5)}${pad('FP', 5)}${pad('FN', 5)}${pad('precision', 11)}${pad('recall', 8)}${pad('F1', 6)}`,
  );
  const row = (id: string, s: Scores) =>
    out(
      `${id.padEnd(24)}${pad(s.tp + s.fn, 9)}${pad(s.tp + s.fp, 7)}${pad(s.tp, 5)}${pad(s.fp, 5)}${pad(s.fn, 5)}${pad(pct(s.precision), 11)}${pad(pct(s.recall), 8)}${pad(pct(s.f1), 6)}`,
    );
  for (const id of TOPIC_IDS) row(id, e.perTopic.get(id)!);
  row('micro', e.micro);
}

function listErrors(e: Evaluation, only: TopicId | undefined, out: Io['out']): void {
  out('\nDev-split errors (FP: tagged but not labelled; FN: labelled but not tagged)');
  for (const { label, paper } of e.results) {
    const want = new Set<string>(label.topics);
    const got = new Set<string>(paper.topics);
    const fp = paper.topics.filter((t) => !want.has(t) && (!only || t === only));
    const fn = label.topics.filter((t) => !got.has(t) && (!only || t === only));
    if (!fp.length && !fn.length) continue;
    out(`\n${label.id} ${paper.title.slice(0, 110)}`);
    out(`  labelled: ${label.topics.join(', ') || '(none)'}`);
    for (const t of fp) {
      const ev = paper.evidence[t]!;
      out(
        `  FP ${t} (${ev.score}): title [${ev.title.join('; ')}] abstract [${ev.abstract.join('; ')}]`,
      );
    }
    for (const t of fn) {
      const ev = tagTopics(paper.title, paper.abstract, { threshold: 0 }).evidence[t as TopicId];
      const why = ev
        ? `score ${ev.score}: [${[...ev.title, ...ev.abstract].join('; ')}]`
        : 'no evidence';
      out(`  FN ${t} (${why})`);
    }
  }
}

/** The data-assimilation check: every corpus paper tagged with it, and the seed day's. */
function assimilationCheck(
  corpus: ReturnType<typeof readCorpus>,
  tag: Tagger,
  out: Io['out'],
): boolean {
  const tagged = [...corpus.values()].filter((p) =>
    tagCorpusPaper(p, tag).topics.includes('data-assimilation'),
  );
  out(
    `\nData assimilation on the whole corpus (${corpus.size.toLocaleString('en-US')} papers): ${tagged.length} tagged`,
  );
  out('  (the corpus holds no data-assimilation paper: every one listed here is a false positive)');
  for (const p of tagged) out(`  - ${p.id} ${p.title}`);
  let ok = true;
  if (!existsSync(SEED_DAY)) {
    out(`\nSeed day: ${SEED_DAY} is missing`);
    return false;
  }
  const day = validateDayFile(JSON.parse(readFileSync(SEED_DAY, 'utf8')));
  if (!day.ok) {
    out(`\nSeed day: ${SEED_DAY} is not a valid day file: ${day.problems.join('; ')}`);
    return false;
  }
  const seedTagged = day.value.papers
    .filter((p) => tag(p.title, p.abstract).topics.includes('data-assimilation'))
    .map((p) => p.id);
  const missed = SEED_DA_IDS.filter((id) => !seedTagged.includes(id));
  const extra = seedTagged.filter((id) => !SEED_DA_IDS.includes(id));
  out(
    `\nSeed day 2025-09-19: ${SEED_DA_IDS.length - missed.length} of ${SEED_DA_IDS.length} data-assimilation papers found, ${extra.length} other papers tagged`,
  );
  for (const id of missed) out(`  missed: ${id}`);
  for (const id of extra) out(`  also tagged: ${id}`);
  if (missed.length || extra.length || tagged.length) ok = false;
  return ok;
}

export function runEval(argv: readonly string[], io: Io): number {
  try {
    const topicAt = argv.indexOf('--topic');
    const only = topicAt >= 0 ? argv[topicAt + 1] : undefined;
    if (only !== undefined && !isTopicId(only))
      throw new Error(`--topic: "${only}" is not a topic (${TOPIC_IDS.join(' ')})`);
    const missing = CORPUS_FILES.map((f) => join(CORPUS_DIR, f)).filter((f) => !existsSync(f));
    if (missing.length) {
      io.err(
        `The topic evaluation reads the shared corpus at run time, and ${missing.join(', ')} is missing (see ../shared/corpus/README.md).`,
      );
      return 1;
    }
    const corpus = readCorpus();
    const rulesOnly = argv.includes('--rules');
    const loaded = rulesOnly
      ? { model: null, note: 'topics by the written rules alone (--rules)' }
      : loadTopicModel();
    io.out(loaded.note);
    const tag = modelTagger(loaded.model);
    const byTagger = (p: Parameters<typeof tagCorpusPaper>[0]) => tagCorpusPaper(p, tag);
    const labels = readLabelFiles();
    const count = (split: string) => labels.filter((l) => l.split === split).length;
    const random = labels.filter((l) => l.why.startsWith('sample')).length;
    io.out(
      `Read labels (tests/topics/corpus-labels*.json): ${labels.length} papers (${random} random, ${labels.length - random} hard cases); train ${count('train')}, dev ${count('dev')}, test ${count('test')}`,
    );
    // Dev is measured on a model trained on train alone (ingest's is trained on train and dev).
    const devTag = rulesOnly ? tag : modelTagger(trainFromLabels(corpus, ['train']).model);
    const dev = evaluate(labels, corpus, 'dev', (p) => tagCorpusPaper(p, devTag));
    table(`dev (${rulesOnly ? 'rules' : 'a model trained on train alone'})`, dev, io.out);
    if (argv.includes('--dev-only')) {
      io.out(`  data assimilation: ${assimilationCheck(corpus, tag, io.out) ? 'met' : 'NOT met'}`);
      if (argv.includes('--errors')) listErrors(dev, only as TopicId | undefined, io.out);
      return 0;
    }
    const test = evaluate(labels, corpus, 'test', byTagger);
    table('test (frozen: never trained or tuned on)', test, io.out);
    const first = readLabels();
    const firstAll = evaluate(
      first.map((l) => ({ ...l, split: 'all' })),
      corpus,
      'all',
      byTagger,
    );
    table(
      'first label set, tests/topics/labels.json (made next to the rules: not independent)',
      firstAll,
      io.out,
    );
    const sparsity = test.perTopic.get('sparsity')!;
    const check = (name: string, value: number, target: number) =>
      io.out(
        `  ${name.padEnd(34)} ${pct(value)} (target ≥ ${pct(target)}) ${value >= target ? 'met' : 'NOT met'}`,
      );
    io.out('\nTest targets');
    check('micro precision', test.micro.precision, TARGETS.microPrecision);
    check('micro recall', test.micro.recall, TARGETS.microRecall);
    check('sparsity precision', sparsity.precision, TARGETS.sparsityPrecision);
    check('sparsity recall', sparsity.recall, TARGETS.sparsityRecall);
    for (const [id, s] of test.perTopic)
      if (s.tp + s.fn >= 10)
        check(`${id} precision (${s.tp + s.fn} positives)`, s.precision, TARGETS.topicPrecision);
    const da = assimilationCheck(corpus, tag, io.out);
    io.out(`  data assimilation: ${da ? 'met' : 'NOT met'}`);
    if (argv.includes('--errors')) listErrors(dev, only as TopicId | undefined, io.out);
    return 0;
  } catch (error) {
    io.err((error as Error).message);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = runEval(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
