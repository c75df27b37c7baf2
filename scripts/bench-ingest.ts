/**
 * How long adding one more day takes at archive scale, end to end through runIngest.
 *
 *   npm run bench:ingest -- [--size 200000] [--day N] [--days D] [--keep]
 *
 * Builds an archive of `size` papers (buildCorpus: the real papers of ../shared/corpus, then
 * variations) and ingests it in full; "one more day" is N further corpus papers (default: the
 * archive's mean papers per day) dated the day after its last day. Then times ingesting that day
 * twice from the same archive: with the state the archive ingest left (.ingest-state.bin:
 * incremental similar papers, only the touched days read) and without it (the state deleted:
 * every day read and validated, similar papers recomputed in full; the baseline). The baseline's
 * similar files are nearestNeighbours over the whole final archive, so they are the reference
 * for the approximation: the new day's top-5 lists, and the old lists the incremental ingest
 * changed, are compared with them. With --days D, D days are added one after the other (the
 * last one timed against the baseline), to see the approximation drift as the archive grows.
 * Progress goes to stderr, the tables to stdout.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawPaper } from '../src/domain/formats/raw.ts';
import { buildCorpus, readRealPapers } from './corpus.ts';
import { STATE_FILE, runIngest } from './ingest-cli.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const size = Number(flag('--size') ?? 200_000);
const keep = args.includes('--keep');
/** How many days to add one after the other (the last one is timed against the baseline). */
const dayCountArg = Number(flag('--days') ?? 1);
if (!Number.isInteger(dayCountArg) || dayCountArg < 1)
  throw new Error('--days needs a whole number ≥ 1');
if (!Number.isInteger(size) || size < 100) throw new Error('--size needs a whole number ≥ 100');

const started = performance.now();
const log = (line: string) =>
  process.stderr.write(
    `[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`,
  );
const seconds = (ms: number) => (ms / 1000).toFixed(2);

const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-ingest-'));
const jsonl = (name: string, papers: readonly RawPaper[]) => {
  const path = join(dir, name);
  writeFileSync(
    path,
    papers
      .map((p) => JSON.stringify({ title: p.title, abstract: p.abstract, date: p.date }))
      .join('\n'),
  );
  return path;
};

/** The input files; the corpus itself is let go (the ingests need the memory). */
function writeInputs() {
  const real = readRealPapers();
  const daySize =
    Number(flag('--day') ?? 0) || Math.round(size / new Set(real.map((p) => p.date)).size);
  log(`building a corpus of ${size.toLocaleString('en-US')} + ${dayCountArg} × ${daySize} papers`);
  const corpus = buildCorpus(real, size + dayCountArg * daySize);
  const archive = corpus.slice(0, size);
  const lastDate = archive.reduce((a, p) => (p.date > a ? p.date : a), '');
  const days = Array.from({ length: dayCountArg }, (_, d) => {
    const next = new Date(`${lastDate}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + d + 1);
    const date = next.toISOString().slice(0, 10);
    const papers = corpus
      .slice(size + d * daySize, size + (d + 1) * daySize)
      .map((p) => ({ ...p, date }));
    return { date, count: papers.length, file: jsonl(`one-more-day-${date}.jsonl`, papers) };
  });
  return { archiveFile: jsonl('archive.jsonl', archive), days };
}
const { archiveFile, days: newDays } = writeInputs();
const newDate = newDays.at(-1)!.date;
const dayCount = newDays.at(-1)!.count;
const dayFile = newDays.at(-1)!.file;
const data = join(dir, 'data');
const baseline = join(dir, 'baseline');

interface Run {
  ms: number;
  /** Similar files written by this run. */
  similarWritten: number;
  stages: Map<string, number>;
  mode: string;
  reason?: string;
  stdout: string[];
}

function ingestTimed(file: string, out: string, progress: boolean): Run {
  const run: Run = { ms: 0, similarWritten: 0, stages: new Map(), mode: '', stdout: [] };
  const wallClock = Date.now() - 1;
  const t = performance.now();
  const code = runIngest([file, '--out', out], {
    out: (line) => {
      run.stdout.push(line);
      log(line);
    },
    err: (line) => (progress || line.startsWith('paperboy') ? log(line) : undefined),
    onStage: (stage, ms) => run.stages.set(stage, (run.stages.get(stage) ?? 0) + ms),
    onMode: (mode, reason) => {
      run.mode = mode;
      run.reason = reason;
    },
  });
  run.ms = performance.now() - t;
  if (code !== 0) throw new Error(`ingest of ${file} into ${out} failed (exit ${code})`);
  run.similarWritten = readdirSync(join(out, 'similar')).filter(
    (f) => statSync(join(out, 'similar', f)).mtimeMs >= wallClock,
  ).length;
  return run;
}

type Lists = Map<string, string[]>;
/** Every paper's similar list (ids, best first) in a data folder's similar files. */
function readLists(root: string, only?: (date: string) => boolean): Lists {
  const lists: Lists = new Map();
  for (const name of readdirSync(join(root, 'similar'))) {
    if (only && !only(name.slice(0, 10))) continue;
    const file = JSON.parse(readFileSync(join(root, 'similar', name), 'utf8')) as {
      similar: Record<string, { id: string }[]>;
    };
    for (const [id, list] of Object.entries(file.similar))
      lists.set(
        id,
        list.map((s) => s.id),
      );
  }
  return lists;
}

try {
  log(`ingesting the archive (${size.toLocaleString('en-US')} papers) in full into ${data}`);
  const first = ingestTimed(archiveFile, data, true);
  const index = JSON.parse(readFileSync(join(data, 'index.json'), 'utf8')) as {
    paperCount: number;
    days: unknown[];
  };
  const bytesOf = (sub: string) =>
    readdirSync(join(data, sub)).reduce((sum, f) => sum + statSync(join(data, sub, f)).size, 0);
  const dayBytes = bytesOf('days');
  const similarBytes = bytesOf('similar');
  const stateBytes = statSync(join(data, STATE_FILE)).size;
  log('reading the similar lists before the new days');
  const before = readLists(data);
  const earlier: Run[] = [];
  for (const day of newDays.slice(0, -1)) {
    log(`ingesting ${day.count} papers on ${day.date} with the state`);
    earlier.push(ingestTimed(day.file, data, false));
    log(`  ${earlier.at(-1)!.mode} in ${seconds(earlier.at(-1)!.ms)} s`);
  }
  log('copying the archive for the baseline');
  cpSync(data, baseline, { recursive: true, preserveTimestamps: true });

  log(`ingesting one more day (${dayCount} papers on ${newDate}) with the state`);
  const fast = ingestTimed(dayFile, data, false);
  if (fast.mode !== 'incremental')
    throw new Error(`expected an incremental ingest, got ${fast.mode}: ${fast.reason}`);
  log('the same day without the state (every day read, similar papers recomputed in full)');
  rmSync(join(baseline, STATE_FILE));
  const full = ingestTimed(dayFile, baseline, true);

  // Agreement with the full recompute (the baseline's similar files).
  const after = readLists(data);
  const reference = readLists(baseline);
  const added = new Set(newDays.map((d) => d.date));
  const newIds = new Set(readLists(data, (d) => added.has(d)).keys());
  const changedOld = [...after.keys()].filter(
    (id) => !newIds.has(id) && before.get(id)?.join() !== after.get(id)!.join(),
  );
  const agreement = (ids: readonly string[]) => {
    let overlap = 0;
    let sameSet = 0;
    let sameList = 0;
    let topInTop5 = 0;
    for (const id of ids) {
      const a = after.get(id) ?? [];
      const b = reference.get(id) ?? [];
      const shared = a.filter((x) => b.includes(x)).length;
      overlap += Math.max(a.length, b.length) ? shared / Math.max(a.length, b.length) : 1;
      if (shared === a.length && a.length === b.length) sameSet++;
      if (a.join() === b.join()) sameList++;
      if (!a.length || b.includes(a[0]!)) topInTop5++;
    }
    const pct = (x: number) => (ids.length ? `${((100 * x) / ids.length).toFixed(1)} %` : '–');
    return {
      count: ids.length,
      overlap: ids.length ? (overlap / ids.length).toFixed(3) : '–',
      sameSet: pct(sameSet),
      sameList: pct(sameList),
      topInTop5: pct(topInTop5),
    };
  };
  const fresh = agreement([...newIds]);
  const old = agreement(changedOld);
  const all = agreement([...after.keys()]);
  // How many old lists the full recompute changes, against the incremental ingest.
  const fullChangedOld = [...reference.keys()].filter(
    (id) => !newIds.has(id) && before.get(id)?.join() !== reference.get(id)!.join(),
  ).length;

  const stages = ['parse', 'tag', 'read', 'merge', 'similar', 'index', 'write'];
  const row = (name: string, run: Run) =>
    `| ${name} | ${seconds(run.ms)} | ${stages.map((s) => seconds(run.stages.get(s) ?? 0)).join(' | ')} |`;
  const out = [
    `## One more day at ${size.toLocaleString('en-US')} papers`,
    '',
    `Archive: ${index.paperCount.toLocaleString('en-US')} papers over ${index.days.length} days; day files ${(dayBytes / 1e6).toFixed(0)} MB, similar files ${(similarBytes / 1e6).toFixed(0)} MB, ${STATE_FILE} ${(stateBytes / 1e6).toFixed(0)} MB. ` +
      `Full ingest of the archive: ${seconds(first.ms)} s. One more day: ${dayCount} papers on ${newDate}${newDays.length > 1 ? `, after ${newDays.length - 1} days of as many papers added the same way` : ''}.`,
    '',
    `| ingest of one more day | total s | ${stages.join(' s | ')} s |`,
    `| --- | ---: | ${stages.map(() => '---:').join(' | ')} |`,
    row('with the state (incremental)', fast),
    row(`baseline: state deleted (full; ${full.reason})`, full),
    ...(earlier.length
      ? [
          `| the ${earlier.length} days before it, mean (${earlier.filter((r) => r.mode === 'full').length} full) | ${seconds(earlier.reduce((sum, r) => sum + r.ms, 0) / earlier.length)} | ${stages.map((st) => seconds(earlier.reduce((sum, r) => sum + (r.stages.get(st) ?? 0), 0) / earlier.length)).join(' | ')} |`,
          `| the ${earlier.length} days before it, slowest | ${seconds(Math.max(...earlier.map((r) => r.ms)))} | ${stages.map(() => '').join(' | ')} |`,
        ]
      : []),
    '',
    `Baseline / incremental: ${(full.ms / fast.ms).toFixed(1)}×. Similar files written: ${fast.similarWritten} (incremental), ${full.similarWritten} (baseline), of ${readdirSync(join(data, 'similar')).length}.`,
    '',
    '### Agreement with the full recompute (nearestNeighbours over the final archive)',
    '',
    '| lists | count | mean top-5 overlap | same set | same order | top-1 in full top-5 |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| the new ${newDays.length === 1 ? "day's" : `${newDays.length} days'`} papers | ${fresh.count} | ${fresh.overlap} | ${fresh.sameSet} | ${fresh.sameList} | ${fresh.topInTop5} |`,
    `| old lists the incremental ingests changed | ${old.count} | ${old.overlap} | ${old.sameSet} | ${old.sameList} | ${old.topInTop5} |`,
    `| every list | ${all.count} | ${all.overlap} | ${all.sameSet} | ${all.sameList} | ${all.topInTop5} |`,
    '',
    `The full recompute changes ${fullChangedOld.toLocaleString('en-US')} old lists (ids or order; scores aside), the incremental ingest${newDays.length > 1 ? 's' : ''} ${changedOld.length.toLocaleString('en-US')}.`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  if (keep) log(`kept ${dir}`);
  else if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
