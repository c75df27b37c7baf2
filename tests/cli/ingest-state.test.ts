import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATE_FILE, runIngest } from '../../scripts/ingest-cli';
import { SEED_DIGEST } from '../helpers';

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-state-'));
  out = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2025-09-25T08:00:00.000Z');

function run(to: string, ...files: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const modes: { mode: string; reason?: string }[] = [];
  const code = runIngest([...files, '--out', to], {
    out: (l) => lines.out.push(l),
    err: (l) => lines.err.push(l),
    now: () => NOW,
    lockTimeoutMs: 500,
    onMode: (mode, reason) => modes.push({ mode, reason }),
  });
  return { code, stdout: lines.out.join('\n'), stderr: lines.err.join('\n'), mode: modes[0] };
}

const lines = (name: string, papers: { title: string; abstract: string; date: string }[]) => {
  const path = join(dir, name);
  writeFileSync(path, papers.map((p) => JSON.stringify(p)).join('\n'));
  return path;
};

/** Papers of one subject: titles and abstracts from their own words, so subjects stay apart. */
const subject = (date: string, words: string[], count: number, offset = 0) =>
  Array.from({ length: count }, (_, i) => {
    const pick = (j: number) => words[(i + offset + j) % words.length]!;
    return {
      title: `${pick(0)} ${pick(1)} and ${pick(2)} study ${i + offset + 1}`,
      abstract: `We relate ${pick(0)}, ${pick(1)}, ${pick(3)} and ${pick(4)} to ${pick(5)} in ${pick(2)} ${pick(6)}.`,
      date,
    };
  });

/** Forty made-up words of a subject: each in a few papers, so each one tells papers apart. */
const words = (stem: string) =>
  Array.from(
    { length: 40 },
    (_, i) => `${stem}${'abcdefghij'[i % 10]}${'klmn'[Math.floor(i / 10)]}`,
  );
const SKY = words('sky');
const BREAD = words('bread');

/** Three days: the seed digest, a day about the sky, a day about bread. */
function archive(to = out) {
  expect(run(to, SEED_DIGEST, '--year', '2025').code).toBe(0);
  expect(run(to, lines('sky.jsonl', subject('2025-09-20', SKY, 40))).code).toBe(0);
  expect(run(to, lines('bread.jsonl', subject('2025-09-21', BREAD, 40))).code).toBe(0);
}

const read = (path: string) => readFileSync(path, 'utf8');

/** Every file of a dataset but the state, with index.json. */
function files(root: string): Record<string, string> {
  const all: Record<string, string> = { 'index.json': read(join(root, 'index.json')) };
  for (const sub of ['days', 'similar'])
    for (const name of readdirSync(join(root, sub)))
      all[`${sub}/${name}`] = read(join(root, sub, name));
  return all;
}

describe('ingest with the state of the last ingest', () => {
  it('adds a day from the state, with the days and index a full ingest writes', () => {
    archive();
    expect(existsSync(join(out, STATE_FILE))).toBe(true);
    const copy = join(dir, 'copy');
    cpSync(out, copy, { recursive: true });
    rmSync(join(copy, STATE_FILE));
    const more = lines('more.jsonl', subject('2025-09-22', SKY, 5, 40));
    const fast = run(out, more);
    const full = run(copy, more);
    expect(fast.code).toBe(0);
    expect(fast.mode).toEqual({ mode: 'incremental', reason: undefined });
    expect(full.mode).toEqual({ mode: 'full', reason: `no ${STATE_FILE}` });
    const a = files(out);
    const b = files(copy);
    for (const name of Object.keys(b).filter((n) => !n.startsWith('similar/')))
      expect(a[name], name).toBe(b[name]);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    // The state the full ingest wrote takes the next day incrementally, too.
    expect(run(copy, lines('last.jsonl', subject('2025-09-23', BREAD, 3, 40))).mode?.mode).toBe(
      'incremental',
    );
  });

  it('rewrites only the similar files whose lists changed', () => {
    archive();
    const similar = (date: string) => join(out, 'similar', `${date}.json`);
    const before = new Map(
      ['2025-09-19', '2025-09-20', '2025-09-21'].map((d) => [d, read(similar(d))]),
    );
    const times = new Map([...before.keys()].map((d) => [d, statSync(similar(d)).mtimeMs]));
    const result = run(out, lines('more.jsonl', subject('2025-09-22', SKY, 5, 40)));
    expect(result.mode?.mode).toBe('incremental');
    // The sky papers gain the new ones; the bread papers have nothing to do with them.
    expect(read(similar('2025-09-20'))).not.toBe(before.get('2025-09-20'));
    expect(read(similar('2025-09-21'))).toBe(before.get('2025-09-21'));
    expect(statSync(similar('2025-09-21')).mtimeMs).toBe(times.get('2025-09-21'));
    const fresh = JSON.parse(read(similar('2025-09-22')));
    for (const list of Object.values(fresh.similar) as { date: string }[][]) {
      expect(list.length).toBe(5);
      for (const ref of list) expect(['2025-09-20', '2025-09-22']).toContain(ref.date);
    }
  });

  it('changes nothing, the state included, when the same day comes again', () => {
    archive();
    const bread = lines('bread.jsonl', subject('2025-09-21', BREAD, 40));
    const before = { ...files(out), state: readFileSync(join(out, STATE_FILE), 'latin1') };
    const again = run(out, bread);
    expect(again.mode?.mode).toBe('incremental');
    expect(again.stdout).toContain('40 unchanged); no changes');
    expect({ ...files(out), state: readFileSync(join(out, STATE_FILE), 'latin1') }).toEqual(before);
  });
});

describe('ingest without a usable state computes everything again', () => {
  const more = () => lines('more.jsonl', subject('2025-09-22', SKY, 5, 40));

  /** The files a full ingest of `more` writes over the same archive. */
  function reference() {
    const copy = join(dir, 'reference');
    archive(copy);
    rmSync(join(copy, STATE_FILE));
    expect(run(copy, more()).mode?.mode).toBe('full');
    return files(copy);
  }

  it.each([
    ['a damaged state', () => writeFileSync(join(out, STATE_FILE), 'not a state'), 'is damaged'],
    [
      'a truncated state',
      () =>
        writeFileSync(join(out, STATE_FILE), readFileSync(join(out, STATE_FILE)).subarray(0, 5000)),
      'is damaged',
    ],
    ['an empty state', () => writeFileSync(join(out, STATE_FILE), ''), 'is damaged'],
    [
      'a day file edited by hand',
      () => {
        const path = join(out, 'days/2025-09-21.json');
        writeFileSync(path, read(path).replace('"upvotes"', '"upvotes"').replace(/\n$/, ' \n'));
      },
      'days/2025-09-21.json changed since the last ingest',
    ],
  ])('%s', (_name, damage, reason) => {
    archive();
    damage();
    const result = run(out, more());
    expect(result.code).toBe(0);
    expect(result.mode).toEqual({ mode: 'full', reason: expect.stringContaining(reason) });
    const expected = reference();
    // The hand-edited day differs only by its trailing space.
    const got = files(out);
    for (const name of Object.keys(expected).filter((n) => n !== 'days/2025-09-21.json'))
      expect(got[name], name).toBe(expected[name]);
    // And the next ingest starts from the fresh state.
    expect(run(out, lines('last.jsonl', subject('2025-09-23', BREAD, 3, 40))).mode?.mode).toBe(
      'incremental',
    );
  });

  it('an ingest interrupted after the state was written, before the index (state newer than index)', () => {
    archive();
    const oldIndex = read(join(out, 'index.json'));
    expect(run(out, more()).mode?.mode).toBe('incremental');
    // As if the index had not been written: the day files and the state are new, the index old.
    writeFileSync(join(out, 'index.json'), oldIndex);
    const again = run(out, more());
    expect(again.mode).toEqual({
      mode: 'full',
      reason: `${STATE_FILE} describes another version of the dataset`,
    });
    const got = files(out);
    const expected = reference();
    for (const name of Object.keys(expected)) expect(got[name], name).toBe(expected[name]);
  });

  it('a state older than the index (restored, or left by an interrupted ingest)', () => {
    archive();
    const oldState = readFileSync(join(out, STATE_FILE));
    expect(run(out, more()).mode?.mode).toBe('incremental');
    writeFileSync(join(out, STATE_FILE), oldState);
    const again = run(out, lines('last.jsonl', subject('2025-09-23', BREAD, 3, 40)));
    expect(again.mode).toEqual({
      mode: 'full',
      reason: `${STATE_FILE} describes another version of the dataset`,
    });
    expect(JSON.parse(read(join(out, 'index.json'))).paperCount).toBe(63 + 40 + 40 + 5 + 3);
  });

  it('takes a day file touched but not changed (a fresh checkout) by its content', () => {
    archive();
    const later = new Date('2030-01-01T00:00:00Z');
    for (const name of readdirSync(join(out, 'days')))
      utimesSync(join(out, 'days', name), later, later);
    rmSync(join(out, 'similar/2025-09-20.json'));
    const result = run(out, more());
    expect(result.mode?.mode).toBe('incremental');
    // A similar file that went missing is written again from the state.
    expect(existsSync(join(out, 'similar/2025-09-20.json'))).toBe(true);
    const got = files(out);
    for (const name of ['index.json', 'days/2025-09-22.json'])
      expect(got[name], name).toBe(reference()[name]);
  });
});
