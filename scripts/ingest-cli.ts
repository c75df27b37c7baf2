/**
 * The ingest command: reads inputs in any format Paperboy knows (Hugging Face API JSON, arXiv
 * RSS / API Atom / OAI-PMH, JSON lines, copied pages; optionally gzipped), runs the pure
 * pipeline in src/domain, and writes the dataset all or nothing (see ingest-switch.ts). Only this
 * file and ingest-switch.ts touch the disk.
 *
 *   npm run ingest -- <file>... [--date YYYY-MM-DD | --year YYYY] [--include-replacements]
 *                     [--allow-empty] [--allow-future] [--out DIR]
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  type ArchiveState,
  type DayMap,
  type IngestResult,
  canonical,
  decodeState,
  encodeState,
  ingest,
  ingestIncremental,
  preparePapers,
  serialize,
  similarFileOf,
  stateMatches,
  touchedDates,
} from '../src/domain/dataset';
import { DigestError } from '../src/domain/errors';
import { modelTagger, type TopicModel } from '../src/domain/topic-model';
import { parallelTagger } from './parallel-tagger';
import type { Tagger } from '../src/domain/topics';
import { loadTopicModel } from './topic-model';
import { parseInput } from '../src/domain/formats/detect';
import { FORMATS, type ParseOptions, type RawPaper } from '../src/domain/formats/raw';
import { isIsoDate } from '../src/domain/iso-date';
import {
  type DatasetIndex,
  type Paper,
  validateDayFile,
  validateIndex,
} from '../src/domain/schema';
import { Staging, SwitchError, type WriteHook, fsAdvice, fsReason, recover } from './ingest-switch';

export const USAGE =
  'usage: npm run ingest -- <file>... [--date YYYY-MM-DD | --year YYYY] [--include-replacements] [--allow-empty] [--allow-future] [--out DIR]';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => Date;
  /** How long to wait for another ingest's lock before giving up. */
  lockTimeoutMs?: number;
  /**
   * Told how long each stage took (parse, tag, read, merge, similar, index, write; in ms), and
   * how the similar papers were computed ('incremental', or 'full' with the reason).
   */
  onStage?: (stage: string, ms: number) => void;
  onMode?: (mode: 'full' | 'incremental', reason?: string) => void;
  /** Told of each change to the dataset folder before it is made; tests fail or stop it there. */
  onWrite?: WriteHook;
  /** Told how many papers the second tagging thread tagged (a large ingest; see parallel-tagger). */
  onTagThreads?: (workerTagged: number) => void;
  /** Tests: let the second tagging thread start before tagging begins. */
  waitForTagThread?: boolean;
  /** How papers are tagged; by default the learned tagger when it can be had (loadTopicModel). */
  tagger?: Tagger;
}

let cachedTagger: { tag: Tagger; model: TopicModel | null } | undefined;

/** The learned tagger (trained or read from the cache once a process), or the rules alone. */
function defaultTagger(io: Io, large: boolean): { tag: Tagger; model: TopicModel | null } {
  if (cachedTagger) return cachedTagger;
  const { model, note } = loadTopicModel(undefined, (what) => io.err(what));
  if (large || note.includes('trained')) io.err(note);
  cachedTagger = { tag: modelTagger(model), model };
  return cachedTagger;
}

/** From this many records a second thread helps tag (see parallel-tagger.ts). */
const PARALLEL_FROM = 2000;

/**
 * The exit code of an ingest whose switch began but did not finish (see ingest-switch.ts): the
 * dataset folder is not as it was, and the next ingest finishes the switch first.
 */
export const EXIT_PARTLY_SWITCHED = 75;

/** An error the user can fix; printed without a stack trace. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

interface Args {
  /** One or more inputs, ingested together: all of them or none. */
  files: string[];
  out: string;
  options: ParseOptions;
  /** An input with no papers (arXiv on a weekend) is a no-op rather than an error. */
  allowEmpty: boolean;
  /** Papers dated after tomorrow (UTC) are taken rather than refused. */
  allowFuture: boolean;
}

export function parseArgs(argv: readonly string[]): Args | 'help' {
  const files: string[] = [];
  let out = 'data';
  let allowEmpty = false;
  let allowFuture = false;
  const options: ParseOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new IngestError(`${flag} needs a value\n${USAGE}`, 2);
      return v;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--date') {
      const date = value();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new IngestError(
          `--date "${date}" is not a date; use YYYY-MM-DD, e.g. --date 2025-09-19`,
          2,
        );
      options.date = date;
    } else if (flag === '--year') {
      const year = value();
      if (!/^\d{4}$/.test(year))
        throw new IngestError(
          `--year "${year}" is not a year; use four digits, e.g. --year 2025`,
          2,
        );
      options.year = Number(year);
    } else if (flag === '--out') out = value();
    else if (flag === '--include-replacements') options.includeReplacements = true;
    else if (flag === '--allow-empty') allowEmpty = true;
    else if (flag === '--allow-future') allowFuture = true;
    else if (flag.startsWith('-') && flag !== '-')
      throw new IngestError(`unknown flag ${flag}\n${USAGE}`, 2);
    else if (!files.includes(arg)) files.push(arg);
  }
  if (!files.length) throw new IngestError(`no input file given\n${USAGE}`, 2);
  if (options.date && files.length > 1)
    throw new IngestError(
      `--date names one day, but ${files.length} files were given; ingest them one at a time, or use --year and let each digest's date line say its day`,
      2,
    );
  if (options.date && options.year && Number(options.date.slice(0, 4)) !== options.year)
    throw new IngestError(
      `--date ${options.date} and --year ${options.year} disagree; pass one of them`,
      2,
    );
  return { files, out, options, allowEmpty, allowFuture };
}

/** The YYYY-MM-DD in a file name (`daily-arxiv-2026-07-01.jsonl`), the fallback feed day. */
export function dateInFileName(path: string): string | undefined {
  const m = /(?:^|[^\d])(\d{4}-\d{2}-\d{2})(?!\d)/.exec(basename(path));
  return m && isIsoDate(m[1]!) ? m[1] : undefined;
}

/** Reads the input as text: gunzips .gz, refuses binary data and invalid UTF-8 with the line. */
export function readInput(path: string): string {
  if (!existsSync(path)) throw new IngestError(`${path}: no such file; check the path`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new IngestError(
      `${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); is it a file you can read?`,
    );
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new IngestError(
        `${path}: looks gzipped but does not decompress; is the download complete?`,
      );
    }
  } else if (path.endsWith('.gz'))
    throw new IngestError(`${path}: named .gz but not gzip data; rename it or gzip it`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).toString('latin1').split('\n').length;
    throw new IngestError(
      `${path} line ${line}: this looks like a binary file (it has a NUL byte); give a text digest or a .jsonl(.gz) file`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          decoder.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw new IngestError(
      `${path} line ${line}: not valid UTF-8 text; save the file as UTF-8 and try again`,
    );
  }
}

function readJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new IngestError(
      `${path} is not valid JSON (truncated?); restore it with "git checkout -- ${path}" or move it away, then ingest again`,
    );
  }
}

/** The index already in `out`, validated, or null when there is none. */
function readIndex(out: string): DatasetIndex | null {
  const indexPath = join(out, 'index.json');
  if (!existsSync(indexPath)) return null;
  const checked = validateIndex(readJson(indexPath));
  if (!checked.ok)
    throw new IngestError(
      `${indexPath} is not a Paperboy index (${checked.problems.slice(0, 3).join('; ')}); restore it from git or move it away, then ingest again`,
    );
  return checked.value;
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.json$/;

/** The day files (or similar files) in a folder, by name, in date order. */
const datedFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => DAY_FILE.test(f))
        .sort()
    : [];

/** Reads and validates the day files of these dates into `days`. */
function readDays(dayDir: string, names: readonly string[], days: DayMap): void {
  for (const name of names) {
    const path = join(dayDir, name);
    const checked = validateDayFile(readJson(path));
    if (!checked.ok)
      throw new IngestError(
        `${path} is not a valid day file (${checked.problems.slice(0, 3).join('; ')}); restore it from git or move it away, then ingest again`,
      );
    if (`${checked.value.date}.json` !== name)
      throw new IngestError(
        `${path} holds the papers of ${checked.value.date}; rename it to ${checked.value.date}.json`,
      );
    days.set(checked.value.date, checked.value.papers as Paper[]);
  }
}

/** The day files in `out/days` that the index does not list: not part of the dataset. */
export function strayDays(out: string, index: DatasetIndex | null): string[] {
  const listed = new Set(index?.days.map((d) => `${d.date}.json`));
  return datedFiles(join(out, 'days'))
    .filter((name) => !listed.has(name))
    .map((name) => join(out, 'days', name));
}

/**
 * Loads the dataset already in `out`, validated: the index and the days it lists (a day file it
 * does not list is not part of the dataset; see strayDays). A bad file stops the ingest: nothing
 * is lost.
 */
export function readDataset(out: string): { index: DatasetIndex | null; days: DayMap } {
  const days: DayMap = new Map();
  const indexPath = join(out, 'index.json');
  const index = readIndex(out);
  if (!index) return { index, days };
  const dayDir = join(out, 'days');
  const missing = index.days.filter((d) => !existsSync(join(dayDir, `${d.date}.json`)));
  if (missing.length)
    throw new IngestError(
      `${indexPath} lists days with no file in ${dayDir}: ${missing
        .slice(0, 5)
        .map((d) => d.date)
        .join(', ')}; restore them from git before ingesting`,
    );
  readDays(
    dayDir,
    index.days.map((d) => `${d.date}.json`),
    days,
  );
  return { index, days };
}

/**
 * The similar-paper files already in `out`, as canonical text by date, so only the ones whose
 * content changed are written again. A damaged one is simply rewritten.
 */
function readSimilar(out: string): Map<string, string> {
  const dir = join(out, 'similar');
  const files = new Map<string, string>();
  for (const name of datedFiles(dir))
    try {
      files.set(name.slice(0, 10), canonical(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
    } catch {
      /* unreadable: written again */
    }
  return files;
}

/**
 * The state an ingest keeps for the next one (see ArchiveState): never loaded by the app, never
 * published. Switched in after the day and similar files and before index.json, and valid only
 * for the index version it names, so a switch interrupted anywhere leaves either a state that
 * matches what is on disk or one that does not match the index (and the next ingest computes
 * everything in full, once it has finished the switch).
 */
export const STATE_FILE = '.ingest-state.bin';

/** How the state remembers a file it wrote: size and time to check quickly, a hash to be sure. */
interface FileStamp {
  size: number;
  mtimeMs: number;
  hash: string;
}

const hashOf = (content: string | Uint8Array) => createHash('sha1').update(content).digest('hex');

function stampOf(path: string, content?: string): FileStamp {
  const { size, mtimeMs } = statSync(path);
  return { size, mtimeMs, hash: hashOf(content ?? readFileSync(path)) };
}

const isStamp = (x: unknown): x is FileStamp =>
  !!x &&
  typeof (x as FileStamp).size === 'number' &&
  typeof (x as FileStamp).mtimeMs === 'number' &&
  typeof (x as FileStamp).hash === 'string';

/**
 * Whether a file is as the state recorded it: the same size and time, or (copied, checked out
 * again) the same content, in which case its record takes the new time.
 */
function unchanged(path: string, stamps: Record<string, unknown>, key: string): boolean {
  const stamp = stamps[key];
  if (!isStamp(stamp) || !existsSync(path)) return false;
  const { size, mtimeMs } = statSync(path);
  if (size !== stamp.size) return false;
  if (mtimeMs === stamp.mtimeMs) return true;
  if (hashOf(readFileSync(path)) !== stamp.hash) return false;
  stamps[key] = { ...stamp, mtimeMs };
  return true;
}

/**
 * The state in `out` when it describes the dataset on disk: the index's version, and every day
 * file as the state recorded it. Otherwise the reason it cannot be used. Similar files that are
 * missing or not as recorded are listed, to be written again from the state.
 */
function readState(
  out: string,
  index: DatasetIndex | null,
): { state: ArchiveState; bytes: Uint8Array; rewrite: string[] } | { reason: string } {
  const path = join(out, STATE_FILE);
  if (!index) return { reason: 'no dataset yet' };
  if (!existsSync(path)) return { reason: `no ${STATE_FILE}` };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return { reason: `${STATE_FILE} cannot be read` };
  }
  const state = decodeState(bytes);
  if (!state) return { reason: `${STATE_FILE} is damaged` };
  if (!stateMatches(state, index))
    return { reason: `${STATE_FILE} describes another version of the dataset` };
  const dayDir = join(out, 'days');
  const names = index.days.map((d) => `${d.date}.json`);
  if (
    names.length !== state.days.length ||
    names.some((name, i) => name !== `${state.days[i]!.date}.json`)
  )
    return { reason: 'days were added or removed since the last ingest' };
  for (const name of names)
    if (!unchanged(join(dayDir, name), state.files, `days/${name}`))
      return { reason: `days/${name} changed since the last ingest` };
  const rewrite = state.days
    .map((d) => d.date)
    .filter(
      (date) =>
        !unchanged(join(out, 'similar', `${date}.json`), state.files, `similar/${date}.json`),
    );
  return { state, bytes, rewrite };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `out/.ingest.lock`, waiting for another ingest to finish; clears a lock whose process died. */
function acquireLock(out: string, timeoutMs: number): () => void {
  const path = join(out, '.ingest.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeFileSync(fd, String(process.pid));
      } catch (error) {
        // An empty lock (a full disk) would hold off every later ingest.
        closeSync(fd);
        rmSync(path, { force: true });
        throw error;
      }
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new IngestError(
          `another ingest (pid ${holder || 'unknown'}) holds ${path}; wait for it to finish, or delete the lock file if no ingest is running`,
        );
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

const plural = (n: number, word: string) =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Runs the command; returns the exit code. Never throws. */
export function runIngest(argv: readonly string[], io: Io): number {
  const started = performance.now();
  let file = '';
  let outName = 'the dataset folder';
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      io.out(
        `${USAGE}\n\nTurns papers into the dataset in DIR (default data/). The format is read from the content: Hugging Face daily-papers API JSON, arXiv RSS, arXiv API Atom, arXiv OAI-PMH, JSON lines, a Hugging Face papers page or an arXiv listing page as copied, or daily-papers page text; optionally gzipped. A YYYY-MM-DD in a file name is the day of papers that carry none. A paper dated after tomorrow (UTC) is refused unless --allow-future.`,
      );
      return 0;
    }
    // Every file is read and parsed before anything is written: one bad file stops them all.
    const raw: RawPaper[] = [];
    for (const f of args.files) {
      file = f;
      const parsed = parseInput(readInput(f), { ...args.options, fileDate: dateInFileName(f) });
      io.out(`read ${basename(f)} as ${FORMATS[parsed.format]}: ${parsed.details.join(', ')}`);
      // One at a time: spreading 200,000 papers into push() overflows the call stack.
      for (const paper of parsed.papers) raw.push(paper);
    }
    file = args.files.join(', ');
    if (!raw.length) {
      if (args.allowEmpty) {
        io.out(`no papers in ${args.files.map((f) => basename(f)).join(', ')}; nothing changed`);
        return 0;
      }
      throw new IngestError(
        `${file}: no papers to ingest; nothing was changed (pass --allow-empty to accept an empty feed)`,
      );
    }
    const from =
      args.files.length === 1 ? basename(args.files[0]!) : plural(args.files.length, 'file');
    const dates = new Set(raw.map((r) => r.date));
    const large = raw.length >= 1000;
    if (large)
      io.err(
        `parsed ${plural(raw.length, 'paper')} over ${plural(dates.size, 'day')} from ${from}`,
      );
    const out = resolve(args.out);
    outName = out;
    // The folder, for the lock; removed again if it stays empty.
    const made = mkdirSync(out, { recursive: true });
    io.onStage?.('parse', performance.now() - started);
    const release = acquireLock(out, io.lockTimeoutMs ?? 30_000);
    try {
      recover(out, (line) => io.err(`note: ${line}`), io.onWrite);
      const stray = strayDays(out, readIndex(out));
      if (stray.length)
        io.err(
          `warning: ${stray.slice(0, 5).join(', ')}${stray.length > 5 ? ` and ${plural(stray.length - 5, 'more file')}` : ''} ${stray.length === 1 ? 'is' : 'are'} not in index.json (left by an interrupted ingest?); ${stray.length === 1 ? 'it is' : 'they are'} left out of the dataset: delete ${stray.length === 1 ? 'it' : 'them'}, or ingest ${stray.length === 1 ? 'its' : 'their'} papers from their source`,
        );
      const now = (io.now?.() ?? new Date()).toISOString();
      let stageStart = performance.now();
      let stage = 'tag';
      const mark = (next: string) => {
        const at = performance.now();
        io.onStage?.(stage, at - stageStart);
        stage = next;
        stageStart = at;
      };
      const progress = (name: string, done: number, total: number) => {
        if (total === 1)
          mark(
            ({ merging: 'merge', 'similar papers': 'similar', index: 'index' } as const)[
              name as 'merging'
            ] ?? name,
          );
        if (large)
          io.err(
            total > 1
              ? `${name} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`
              : `${name}…`,
          );
      };
      const own = io.tagger ? null : defaultTagger(io, large);
      const tagging =
        own && raw.length >= PARALLEL_FROM
          ? parallelTagger(own.tag, own.model, raw, io.waitForTagThread)
          : null;
      let input: ReturnType<typeof preparePapers>;
      try {
        input = preparePapers(raw, now, progress, {
          allowFuture: args.allowFuture,
          tag: tagging?.tag ?? io.tagger ?? own!.tag,
        });
      } finally {
        if (tagging) {
          const second = tagging.stop();
          io.onTagThreads?.(second);
          if (large && second)
            io.err(`tagged on two threads (${plural(second, 'paper')} by the second)`);
        }
      }
      mark('read');
      // With a state that matches the dataset, only the days the input can touch are read and
      // the similar papers are updated; otherwise (or when the state says so) everything is.
      const index = readIndex(out);
      const saved = readState(out, index);
      let result: IngestResult | null = null;
      let reason = 'reason' in saved ? saved.reason : '';
      if ('state' in saved && index) {
        const loaded: DayMap = new Map();
        readDays(
          join(out, 'days'),
          touchedDates(saved.state, input.papers).map((date) => `${date}.json`),
          loaded,
        );
        const incremental = ingestIncremental(saved.state, loaded, index, input, now, progress);
        if ('fallback' in incremental) reason = incremental.fallback;
        else {
          result = incremental;
          const have = new Set(result.changedSimilar.map((f) => f.date));
          const stored = new Set(result.state.days.map((d) => d.date));
          for (const date of saved.rewrite)
            if (!have.has(date) && stored.has(date))
              result.changedSimilar.push(similarFileOf(result.state, date));
        }
      }
      if (!result) {
        if (stage !== 'read') mark('read');
        if (large) io.err(`reading the whole dataset: ${reason}`);
        const existing = readDataset(out);
        result = ingest(existing.days, existing.index, input, now, progress, readSimilar(out));
      }
      io.onMode?.(result.mode, result.mode === 'full' ? reason : undefined);
      mark('write');
      for (const warning of result.warnings.slice(0, 20)) io.err(`warning: ${warning}`);
      if (result.warnings.length > 20)
        io.err(`warning: ${plural(result.warnings.length - 20, 'more field')} cut to its limit`);
      if (large && result.changed.length)
        io.err(`writing ${plural(result.changed.length, 'day file')}`);
      const { state } = result;
      const stamps: Record<string, unknown> = result.mode === 'full' ? {} : state.files;
      // Everything is written aside first, then switched in with the index last (see
      // ingest-switch.ts): a failure before the switch leaves the folder exactly as it was.
      const staging = new Staging(out, io.onWrite);
      try {
        for (const day of result.changed) {
          const text = serialize(day);
          const path = staging.write(`days/${day.date}.json`, text);
          stamps[`days/${day.date}.json`] = stampOf(path, text);
        }
        for (const file of result.changedSimilar) {
          const text = serialize(file);
          const path = staging.write(`similar/${file.date}.json`, text);
          stamps[`similar/${file.date}.json`] = stampOf(path, text);
        }
        for (const date of result.removedDays) {
          delete stamps[`days/${date}.json`];
          delete stamps[`similar/${date}.json`];
        }
        if (result.mode === 'full')
          for (const { date } of state.days)
            for (const key of [`days/${date}.json`, `similar/${date}.json`])
              if (!stamps[key] && existsSync(join(out, key))) stamps[key] = stampOf(join(out, key));
        state.files = stamps;
        const stateBytes = encodeState(state);
        if (!('bytes' in saved) || !Buffer.from(saved.bytes).equals(stateBytes))
          staging.write(STATE_FILE, stateBytes);
        const indexText = serialize(result.index);
        const indexPath = join(out, 'index.json');
        if (!existsSync(indexPath) || readFileSync(indexPath, 'utf8') !== indexText)
          staging.write('index.json', indexText);
        // A day whose only paper moved to an earlier day is gone: its files go once the index
        // no longer names it (left behind, they would be stray day files).
        staging.commit(
          result.removedDays.flatMap((date) => [`days/${date}.json`, `similar/${date}.json`]),
        );
      } catch (error) {
        if (error instanceof SwitchError && error.started) throw error;
        const removed = staging.discard();
        const reason = fsReason(error);
        if (!reason && !(error instanceof SwitchError)) throw error;
        const unchanged = `nothing in ${out} was changed${removed ? '' : `, but ${staging.dir} could not be removed (the next ingest removes it)`}`;
        throw new IngestError(
          error instanceof SwitchError
            ? `${error.message}; ${unchanged}`
            : `cannot ${staging.doing} (${reason}); ${unchanged}; ${fsAdvice(error)}`,
        );
      }
      mark('done');
      const { added, updated, unchanged, known, enriched, moved } = result.report;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const details = [
        `${added.toLocaleString('en-US')} new`,
        updated && `${updated.toLocaleString('en-US')} updated`,
        unchanged && `${unchanged.toLocaleString('en-US')} unchanged`,
        known &&
          `${known.toLocaleString('en-US')} already on an earlier day${enriched ? ` (${enriched.toLocaleString('en-US')} given new votes, links or categories)` : ''}`,
        moved && `${moved.toLocaleString('en-US')} moved to an earlier day`,
      ]
        .filter(Boolean)
        .join(', ');
      io.out(
        `ingested ${plural(raw.length, 'paper')} from ${plural(dates.size, 'day')}${args.files.length > 1 ? ` (${from})` : ''} in ${seconds} s (${details}); ` +
          (result.changed.length
            ? `wrote ${plural(result.changed.length, 'day file')}`
            : 'no changes') +
          ` → ${args.out} (${plural(result.index.paperCount, 'paper')} over ${plural(result.index.days.length, 'day')})`,
      );
      const { changes } = result.report;
      for (const change of changes.slice(0, 20)) io.out(`  changed ${change}`);
      if (changes.length > 20) io.out(`  and ${plural(changes.length - 20, 'more changed paper')}`);
      return 0;
    } finally {
      release();
      if (made)
        try {
          rmdirSync(made);
        } catch {
          /* not empty: the dataset is in it */
        }
    }
  } catch (error) {
    if (error instanceof SwitchError) {
      io.err(`paperboy ingest: ${error.message}`);
      return error.started ? EXIT_PARTLY_SWITCHED : 1;
    }
    if (error instanceof IngestError) {
      io.err(`paperboy ingest: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof DigestError) {
      io.err(`paperboy ingest: ${file}${error.line === undefined ? ':' : ''} ${error.message}`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (fsReason(error)) {
      io.err(
        `paperboy ingest: ${file ? `while ingesting ${file}: ` : ''}${message}; nothing in ${outName} was changed; ${fsAdvice(error)}`,
      );
      return 1;
    }
    io.err(
      `paperboy ingest: unexpected error${file ? ` while ingesting ${file}` : ''}: ${message}. Nothing in ${outName} was changed. Please report this with the input file.`,
    );
    if (process.env.DEBUG) io.err(String((error as Error)?.stack));
    return 70;
  }
}
