/**
 * npx tsx scripts/label-sample.ts [--batch N]          prints the next N papers to label
 * npx tsx scripts/label-sample.ts --add FILE           adds the labels written in FILE
 * npx tsx scripts/label-sample.ts --status             how many are labelled, by why and split
 *
 * Labelling the topic tagger's test set by reading: papers come from the seeded draw of
 * scripts/topic-labels.ts (a random sample, then hard keyword cases), printed with id, title
 * and abstract and never with the tagger's topics, so the labels follow docs/topics.md and not
 * the tagger. FILE has one paper a line: `<arXiv id> topic topic ...` (no topics: none
 * applies); the split and the reason it was drawn are filled in here, from the id.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { TOPIC_IDS, isTopicId } from '../src/domain/topic-meta.ts';
import {
  LABELS_FILE,
  type Label,
  drawSample,
  formatLabels,
  readCorpus,
  readLabels,
  splitOf,
} from './topic-labels.ts';

function main(args: string[]): number {
  const corpus = readCorpus();
  const draw = drawSample(corpus);
  const why = new Map(draw.map(([p, reason]) => [p.id, reason]));
  const labels = readLabels();
  const labelled = new Set(labels.map((l) => l.id));

  if (args.includes('--status')) {
    const count = (f: (l: Label) => boolean) => labels.filter(f).length;
    console.log(`${labels.length} of ${draw.length} drawn papers labelled`);
    console.log(`  random sample: ${count((l) => l.why === 'sample')}`);
    console.log(`  keyword cases: ${count((l) => l.why !== 'sample')}`);
    console.log(
      `  tune ${count((l) => l.split === 'tune')}, holdout ${count((l) => l.split === 'holdout')}`,
    );
    return 0;
  }

  const addAt = args.indexOf('--add');
  if (addAt >= 0) {
    const file = args[addAt + 1];
    if (!file) throw new Error('--add needs a file');
    const added: Label[] = [];
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const [id, ...topics] = line
          .trim()
          .split(/[\s,]+/)
          .filter(Boolean);
        if (!id || id.startsWith('#')) return;
        const reason = why.get(id);
        if (!reason) throw new Error(`${file} line ${i + 1}: ${id} is not in the draw`);
        if (labelled.has(id)) throw new Error(`${file} line ${i + 1}: ${id} is labelled already`);
        for (const t of topics)
          if (!isTopicId(t))
            throw new Error(
              `${file} line ${i + 1}: "${t}" is not a topic (${TOPIC_IDS.join(' ')})`,
            );
        labelled.add(id);
        added.push({ id, topics: topics.filter(isTopicId), split: splitOf(id), why: reason });
      });
    const order = new Map(draw.map(([p], i) => [p.id, i]));
    const all = [...labels, ...added].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    writeFileSync(LABELS_FILE, formatLabels(all));
    console.log(`added ${added.length}; ${all.length} labelled`);
    return 0;
  }

  const batchAt = args.indexOf('--batch');
  const size = batchAt >= 0 ? Number(args[batchAt + 1]) : 20;
  const next = draw.filter(([p]) => !labelled.has(p.id)).slice(0, size);
  if (!next.length) console.log('every drawn paper is labelled');
  for (const [paper, reason] of next)
    console.log(`\n## ${paper.id} (${reason})\n${paper.title}\n${paper.abstract}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
