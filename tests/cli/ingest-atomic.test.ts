/**
 * An ingest is all or nothing: stopped by an error, a full disk or a kill at any write, the
 * dataset a reader sees is the old one or (once the next ingest has run) the whole new one, and
 * nothing is left behind. The points are found by the ingest's own write hook (Io.onWrite, and
 * PAPERBOY_TEST_KILL_AT_WRITE for a real process), so every write is tried, not a guess.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_PARTLY_SWITCHED, type Io, runIngest } from '../../scripts/ingest-cli';
import { validateDayFile, validateIndex } from '../../src/domain/schema';
import { ROOT, SEED_DIGEST, snapshot } from '../helpers';

const NOW = new Date('2025-09-25T08:00:00.000Z');
let work: string;
/** The seed digest ingested: the dataset every case starts from. */
let seed: string;
/** The input: a new paper on the seed's day (a day file replaced) and a new day. */
let input: string;
/** What a clean ingest of `input` into `seed` publishes. */
let reference: Record<string, string>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'paperboy-atomic-'));
  seed = join(work, 'seed');
  expect(run(seed, [SEED_DIGEST, '--year', '2025']).code).toBe(0);
  input = join(work, 'input.jsonl');
  writeFileSync(
    input,
    [
      { title: 'A Late Paper on Kalman Smoothers', abstract: 'Smoothing.', date: '2025-09-19' },
      { title: 'Gaussian Splats on a New Day', abstract: 'Splatting.', date: '2025-09-20' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  const clean = fresh('clean');
  expect(run(clean, [input]).code).toBe(0);
  reference = published(clean);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** A copy of the seed dataset. */
function fresh(name = `case-${++n}`): string {
  const out = join(work, name);
  cpSync(seed, out, { recursive: true });
  return out;
}

function run(out: string, argv: string[], extra: Partial<Io> = {}) {
  const lines = { out: [] as string[], err: [] as string[] };
  const code = runIngest([...argv, '--out', out], {
    out: (l) => lines.out.push(l),
    err: (l) => lines.err.push(l),
    now: () => NOW,
    lockTimeoutMs: 500,
    ...extra,
  });
  return { code, stdout: lines.out.join('\n'), stderr: lines.err.join('\n') };
}

/**
 * The files a reader is given: index.json, days/ and similar/; the index's generatedAt left out
 * (a real process ingests on its own clock).
 */
function published(out: string): Record<string, string> {
  const all = snapshot(out);
  return Object.fromEntries(
    Object.entries(all)
      .filter(([name]) => /^\/(?:index\.json|(?:days|similar)\/)/.test(name))
      .map(([name, text]) => [name, text.replace(/"generatedAt":"[^"]*"/, '"generatedAt":""')]),
  );
}

/** Anything an ingest leaves that is not the dataset: temporary files, staging, the lock. */
function leftovers(out: string): string[] {
  const names: string[] = [];
  for (const dir of ['', 'days', 'similar'])
    if (existsSync(join(out, dir)))
      for (const name of readdirSync(join(out, dir)))
        if (/\.tmp-|^\.staging-|^\.commit-|^\.ingest\.lock$/.test(name))
          names.push(join(dir, name));
  return names;
}

/**
 * The dataset as a reader sees it is whole: a valid index, each day it lists there and valid.
 * (Stopped in the middle of a switch, a day file can be the new one under the old index; the
 * next ingest finishes the switch.)
 */
function checkReadable(out: string) {
  const index = validateIndex(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')));
  expect(index.ok, 'index.json valid').toBe(true);
  if (!index.ok) return;
  for (const { date } of index.value.days) {
    const day = validateDayFile(
      JSON.parse(readFileSync(join(out, 'days', `${date}.json`), 'utf8')),
    );
    expect(day.ok, `days/${date}.json valid`).toBe(true);
  }
}

/** Every write the ingest of `input` makes into a copy of the seed, in order. */
function steps(): string[] {
  const seen: string[] = [];
  expect(run(fresh(), [input], { onWrite: (step) => seen.push(step) }).code).toBe(0);
  return seen;
}

const fullDisk = () =>
  Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('an ingest that fails part way', () => {
  it('writes into a staging folder, switches in with the index last, then cleans up', () => {
    const all = steps();
    const commit = all.indexOf('commit');
    expect(commit).toBeGreaterThan(0);
    // Before the commit everything goes into the staging folder; after it, moves into place.
    expect(all.slice(0, commit).every((s) => /^(?:stage|write) /.test(s))).toBe(true);
    const moves = all.slice(commit + 1).filter((s) => s.startsWith('move '));
    expect(moves.at(-1)).toBe('move index.json');
    expect(moves).toContain('move days/2025-09-20.json');
    expect(moves).toContain('move days/2025-09-19.json');
  });

  it('leaves data/ byte-identical when a write fails before the switch, and says so', () => {
    const all = steps();
    const commit = all.indexOf('commit');
    expect(commit).toBeGreaterThan(0);
    for (let k = 0; k <= commit; k++) {
      const out = fresh();
      const before = snapshot(out);
      const result = run(out, [input], {
        onWrite: (step) => {
          if (step === all[k]) throw fullDisk();
        },
      });
      expect(result.code, `failing at "${all[k]}"`).toBe(1);
      expect(result.stderr, all[k]).toMatch(
        new RegExp(`\\(ENOSPC: the disk is full\\); nothing in ${out} was changed`),
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(out), `data/ after failing at "${all[k]}"`).toEqual(before);
      expect(leftovers(out)).toEqual([]);
    }
  });

  it('after the switch has begun, says what was switched, and the next ingest finishes it', () => {
    const all = steps();
    const commit = all.indexOf('commit');
    expect(commit).toBeGreaterThan(0);
    for (let k = commit + 1; k < all.length; k++) {
      const out = fresh();
      const result = run(out, [input], {
        onWrite: (step) => {
          if (step === all[k]) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        },
      });
      expect(result.code, `failing at "${all[k]}"`).toBe(EXIT_PARTLY_SWITCHED);
      expect(result.stderr).toMatch(/switched in \d+ of \d+ files/);
      expect(result.stderr).toMatch(/run the ingest again: it finishes the switch first/);
      checkReadable(out);
      const again = run(out, [input]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/note: finished switching in the files of an ingest/);
      expect(published(out), `after failing at "${all[k]}"`).toEqual(reference);
      expect(leftovers(out)).toEqual([]);
    }
  });

  it('refuses to switch a day file onto a folder, and changes nothing', () => {
    const out = fresh();
    mkdirSync(join(out, 'days', '2025-09-20.json'));
    const before = snapshot(out);
    const result = run(out, [input]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(out, 'days', '2025-09-20.json')} is a folder, where the new day file goes; move it away, then ingest again; nothing in ${out} was changed`,
    );
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('what an interrupted ingest left is not taken into the dataset', () => {
  it('leaves out a day file the index does not list, naming it', () => {
    const out = fresh();
    const stray = JSON.parse(readFileSync(join(out, 'days', '2025-09-19.json'), 'utf8'));
    stray.date = '2025-09-30';
    for (const p of stray.papers) p.date = '2025-09-30';
    stray.papers = stray.papers.slice(0, 1);
    stray.papers[0].title = 'A Paper Only in a Stray File';
    writeFileSync(join(out, 'days', '2025-09-30.json'), JSON.stringify(stray));
    const result = run(out, [input]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `warning: ${join(out, 'days', '2025-09-30.json')} is not in index.json (left by an interrupted ingest?); it is left out of the dataset: delete it, or ingest its papers from their source`,
    );
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    expect(index.days.map((d: { date: string }) => d.date)).toEqual(['2025-09-19', '2025-09-20']);
    expect(index.paperCount).toBe(65);
  });

  it('removes a staging folder an ingest was stopped with, with a note', () => {
    const out = fresh();
    mkdirSync(join(out, '.staging-999999', 'days'), { recursive: true });
    writeFileSync(join(out, '.staging-999999', 'days', '2025-09-21.json'), '{"half":');
    const result = run(out, [input]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `note: removed ${join(out, '.staging-999999')}, left by an ingest that was stopped before it changed anything`,
    );
    expect(published(out)).toEqual(reference);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('a real ingest process killed at a write', () => {
  const kill = (out: string, at: string) =>
    spawnSync('npx', ['tsx', 'scripts/ingest.ts', input, '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PAPERBOY_TEST_KILL_AT_WRITE: at },
    });

  it('leaves a readable dataset, and the next ingest holds exactly the new one', () => {
    const all = steps();
    const commit = all.indexOf('commit');
    const moves = all.flatMap((s, i) => (s.startsWith('move ') ? [i] : []));
    // 1-based write numbers: the first write, the last before the switch, the switch itself,
    // a move in the middle, the index, and the clean-up; by SIGKILL, SIGTERM and SIGINT.
    const points: [number, string][] = [
      [1, 'SIGKILL'],
      [commit, 'SIGTERM'],
      [commit + 1, 'SIGKILL'],
      [moves[1]! + 1, 'SIGINT'],
      [all.indexOf('move index.json') + 1, 'SIGKILL'],
      [all.length, 'SIGKILL'],
    ];
    for (const [at, signal] of points) {
      const out = fresh();
      const before = published(out);
      const child = kill(out, `${at}:${signal}`);
      const what = `killed by ${signal} at write ${at} ("${all[at - 1]}")`;
      expect(child.status, `${what}: ${child.stdout}${child.stderr}`).not.toBe(0);
      checkReadable(out);
      // SIGKILL stops it there. tsx holds SIGTERM and SIGINT until the (synchronous) ingest
      // returns, so the process ends after a whole ingest, with the signal's exit code.
      const finished = /^ingested /m.test(child.stdout);
      expect(finished, what).toBe(signal !== 'SIGKILL');
      // Stopped before the switch, a reader sees the old dataset exactly; after a whole
      // ingest, the new one.
      if (finished) expect(published(out), what).toEqual(reference);
      else if (at <= commit) expect(published(out), what).toEqual(before);
      const again = run(out, [input]);
      expect(again.code, `${what}: ${again.stderr}`).toBe(0);
      expect(published(out), what).toEqual(reference);
      expect(leftovers(out), what).toEqual([]);
    }
  }, 600_000);
});
