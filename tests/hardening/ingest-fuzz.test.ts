/**
 * Hardening: the ingest CLI against 10,000 generated digests (fast-check, fixed seed) built from
 * real paragraphs, with truncation, blank-line damage, control and bidi characters, invalid
 * UTF-8, 1 MB lines, and HTML and javascript: URLs in abstracts. It must never crash with a stack
 * trace, never leave a partial file, never lose a paper already in the data folder, and never
 * store control characters or a non-http(s) link. Also: two ingests started at once.
 *
 * Run with `npm run test:hardening` (not part of `npm test`: it takes a minute or two).
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest-cli';
import { parseDigest } from '../../src/domain/digest';
import { validateDayFile, validateIndex } from '../../src/domain/schema';
import { CONTROL_CHARACTERS } from '../../src/domain/text';
import { CORPUS, ROOT, SEED_DIGEST } from '../helpers';

export const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const work = mkdtempSync(join(tmpdir(), 'paperboy-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Real paragraphs: the shared corpus when it is there, else the seed digest. */
function realParagraphs(): { titles: string[]; abstracts: string[] } {
  if (existsSync(CORPUS)) {
    const rows = gunzipSync(readFileSync(CORPUS))
      .toString('utf8')
      .split('\n')
      .slice(0, 400)
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { title: string; abstract: string });
    return { titles: rows.map((r) => r.title), abstracts: rows.map((r) => r.abstract) };
  }
  const papers = parseDigest(readFileSync(SEED_DIGEST, 'utf8'), { year: 2025 });
  return { titles: papers.map((p) => p.title), abstracts: papers.map((p) => p.abstract) };
}

const { titles, abstracts } = realParagraphs();
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  'see javascript:void(0) or data:text/html,<b>x</b>',
  'https://ok.example.org/code.',
  '"><svg onload=alert(1)>',
  '\u202Egnp.exe',
  '\u0007\u001b[31mred',
];
const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f', '\u202e', '\u2066', '\ufeff', '\u0085'];
const SEPARATORS = ['\n\n', '\n', '\n\n\n\n', '\r\n\r\n', '  \n \n', '\n\t\n'];
const CHROME = [
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
];
const DATES = ['Sep 19', 'Sep 20', 'September 21, 2025', '2025-09-22', 'Feb 30', 'Sep', ''];

type Piece = string;
const paragraph: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...titles) },
  { weight: 6, arbitrary: fc.constantFrom(...abstracts) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...abstracts), fc.constantFrom(...HOSTILE))
      .map(([a, h]) => `${a} ${h}`),
  },
  { weight: 2, arbitrary: fc.constantFrom(...DATES) },
  { weight: 1, arbitrary: fc.constantFrom(...CHROME) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
);

interface Case {
  pieces: Piece[];
  separator: string;
  truncateAt: number | null;
  controls: [number, string][];
  invalidUtf8At: number | null;
  hugeLine: boolean;
}

/** A page as a reader copies it: chrome, a date line, then title and abstract pairs. */
const page: fc.Arbitrary<Piece[]> = fc
  .tuple(
    fc.subarray(CHROME),
    fc.constantFrom('Sep 19', 'Sep 20', 'Sep 21'),
    fc.array(
      fc.tuple(
        fc.constantFrom(...titles),
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...abstracts) },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.constantFrom(...abstracts), fc.constantFrom(...HOSTILE))
              .map(([a, h]) => `${a} ${h}`),
          },
        ),
      ),
      { minLength: 1, maxLength: 6 },
    ),
    // Sometimes one paragraph goes missing or is duplicated, as in a bad copy.
    fc.option(fc.tuple(fc.nat(), fc.boolean()), { freq: 3 }),
  )
  .map(([chrome, date, pairs, damage]) => {
    const pieces = [...chrome, date, ...pairs.flat()];
    if (damage) {
      const i = damage[0] % pieces.length;
      if (damage[1]) pieces.splice(i, 1);
      else pieces.splice(i, 0, pieces[i]!);
    }
    return pieces;
  });

/** Rarely: a value, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>, weight: number) =>
  fc.oneof({ weight: 100 - weight, arbitrary: fc.constant(null) }, { weight, arbitrary: arb });

const digest: fc.Arbitrary<Case> = fc.record({
  pieces: fc.oneof(
    { weight: 3, arbitrary: page },
    { weight: 1, arbitrary: fc.array(paragraph, { minLength: 0, maxLength: 14 }) },
  ),
  separator: fc.constantFrom(...SEPARATORS),
  truncateAt: sometimes(fc.nat(), 20),
  controls: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...CONTROL)), { maxLength: 2 }),
  invalidUtf8At: sometimes(fc.nat(), 8),
  hugeLine: sometimes(fc.constant(true), 1).map((x) => x === true),
});

function render(c: Case): Buffer {
  const pieces = c.hugeLine ? [...c.pieces, 'x'.repeat(1_000_000)] : c.pieces;
  let text = pieces.join(c.separator);
  for (const [at, ch] of c.controls) {
    const i = text.length ? at % text.length : 0;
    text = text.slice(0, i) + ch + text.slice(i);
  }
  if (c.truncateAt !== null && text.length) text = text.slice(0, c.truncateAt % text.length);
  let bytes = Buffer.from(text, 'utf8');
  if (c.invalidUtf8At !== null) {
    const i = bytes.length ? c.invalidUtf8At % bytes.length : 0;
    bytes = Buffer.concat([
      bytes.subarray(0, i),
      Buffer.from([0xc3, 0x28, 0xff]),
      bytes.subarray(i),
    ]);
  }
  return bytes;
}

/** Every paper id in a data folder, validating every file on the way. */
function checkFolder(out: string): Set<string> {
  const leftovers = readdirSync(out)
    .concat(readdirSync(join(out, 'days')))
    .filter((f) => f.includes('.tmp-') || /^\.(?:staging|commit)-/.test(f) || f === '.ingest.lock');
  expect(leftovers, 'temporary, staging or lock files left behind').toEqual([]);
  const index = validateIndex(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')));
  expect(index.ok, 'index.json valid').toBe(true);
  const ids = new Set<string>();
  for (const name of readdirSync(join(out, 'days'))) {
    const day = validateDayFile(JSON.parse(readFileSync(join(out, 'days', name), 'utf8')));
    expect(day.ok, `${name} valid`).toBe(true);
    if (!day.ok) continue;
    for (const p of day.value.papers) {
      ids.add(p.id);
      expect(`${p.title}${p.abstract}`).not.toMatch(new RegExp(CONTROL_CHARACTERS.source));
      for (const link of p.links) expect(link.url).toMatch(/^https?:\/\//);
    }
  }
  if (index.ok)
    for (const d of index.value.days)
      expect(existsSync(join(out, 'days', `${d.date}.json`)), `day file of ${d.date}`).toBe(true);
  return ids;
}

export const outcomes = {
  runs: 0,
  ingested: 0,
  refused: 0,
  hugeLines: 0,
  invalidUtf8: 0,
  hostile: 0,
};

describe('ingest fuzz', () => {
  it(
    `never crashes, never writes a partial file, never loses a paper (${RUNS.toLocaleString('en-US')} digests)`,
    () => {
      const out = join(work, 'data');
      const input = join(work, 'digest.txt');
      let known = new Set<string>();
      const reset = () => {
        rmSync(out, { recursive: true, force: true });
        cpSync(join(ROOT, 'data'), out, {
          recursive: true,
          filter: (src) => !src.includes('/raw'),
        });
        known = checkFolder(out);
      };
      reset();
      fc.assert(
        fc.property(digest, (c) => {
          outcomes.runs++;
          if (outcomes.runs % 250 === 0) reset(); // keep the folder small so 10,000 runs stay quick
          writeFileSync(input, render(c));
          const err: string[] = [];
          const code = runIngest([input, '--year', '2025', '--out', out], {
            out: () => {},
            err: (l) => err.push(l),
            lockTimeoutMs: 100,
          });
          const stderr = err.join('\n');
          expect(stderr, 'no stack trace').not.toMatch(/\n\s+at /);
          expect([0, 1], `exit code, stderr: ${stderr}`).toContain(code);
          if (code === 0) outcomes.ingested++;
          else {
            outcomes.refused++;
            expect(stderr).toMatch(/^paperboy ingest: .*digest\.txt/);
          }
          if (c.hugeLine) outcomes.hugeLines++;
          if (c.invalidUtf8At !== null) outcomes.invalidUtf8++;
          if (c.pieces.some((p) => HOSTILE.some((h) => p.includes(h)))) outcomes.hostile++;
          const ids = checkFolder(out);
          for (const id of known) expect(ids.has(id), `paper ${id} still there`).toBe(true);
          known = ids;
        }),
        { seed: 20251119, numRuns: RUNS },
      );
      console.log(`ingest fuzz: ${JSON.stringify(outcomes)}`);
      expect(outcomes.ingested).toBeGreaterThan(RUNS / 20);
      expect(outcomes.refused).toBeGreaterThan(RUNS / 20);
      // No time limit worth the name: 10,000 ingests take two minutes on a quiet 2-core machine
      // and over fifteen beside another test run and a benchmark; how long is the benchmark's
      // business, not this test's.
    },
    6 * 3_600_000,
  );

  it('two ingests started at once both land, and the dataset is valid', async () => {
    const out = join(work, 'race');
    cpSync(join(ROOT, 'data'), out, { recursive: true, filter: (src) => !src.includes('/raw') });
    const a = join(work, 'a.jsonl');
    const b = join(work, 'b.jsonl');
    writeFileSync(
      a,
      JSON.stringify({
        title: 'Race Paper A on Sparse Kalman Filters',
        abstract: 'An abstract for data assimilation.',
        date: '2025-09-20',
      }),
    );
    writeFileSync(
      b,
      JSON.stringify({
        title: 'Race Paper B on Gaussian Splatting',
        abstract: 'An abstract for novel view synthesis.',
        date: '2025-09-21',
      }),
    );
    const run = (file: string) =>
      new Promise<number>((resolve) => {
        const child = spawn('npx', ['tsx', 'scripts/ingest.ts', file, '--out', out], {
          cwd: ROOT,
          stdio: 'ignore',
        });
        child.on('exit', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([run(a), run(b)]);
    expect(codes).toEqual([0, 0]);
    checkFolder(out);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    expect(index.days.map((d: { date: string }) => d.date)).toEqual([
      '2025-09-19',
      '2025-09-20',
      '2025-09-21',
    ]);
  });
});
