/**
 * The ingest command: reads inputs in any format Paperboy knows (Hugging Face API JSON, arXiv
 * RSS / API Atom / OAI-PMH, JSON lines, copied pages; optionally gzipped), runs the pure
 * pipeline in src/domain, and writes the dataset atomically. Only this file touches the disk.
 *
 *   npm run ingest -- <file>... [--date YYYY-MM-DD | --year YYYY] [--include-replacements]
 *                     [--allow-empty] [--out DIR]
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type DayMap, canonical, ingest, serialize } from '../src/domain/dataset';
import { DigestError } from '../src/domain/errors';
import { parseInput } from '../src/domain/formats/detect';
import { FORMATS, type ParseOptions, type RawPaper } from '../src/domain/formats/raw';
import { isIsoDate } from '../src/domain/iso-date';
import {
  type DatasetIndex,
  type Paper,
  validateDayFile,
  validateIndex,
} from '../src/domain/schema';

export const USAGE =
  'usage: npm run ingest -- <file>... [--date YYYY-MM-DD | --year YYYY] [--include-replacements] [--allow-empty] [--out DIR]';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => Date;
  /** How long to wait for another ingest's lock before giving up. */
  lockTimeoutMs?: number;
}

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
}

export function parseArgs(argv: readonly string[]): Args | 'help' {
  const files: string[] = [];
  let out = 'data';
  let allowEmpty = false;
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
  return { files, out, options, allowEmpty };
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

/** Loads the dataset already in `out`, validated. A bad file stops the ingest: nothing is lost. */
export function readDataset(out: string): { index: DatasetIndex | null; days: DayMap } {
  const days: DayMap = new Map();
  const indexPath = join(out, 'index.json');
  let index: DatasetIndex | null = null;
  if (existsSync(indexPath)) {
    const checked = validateIndex(readJson(indexPath));
    if (!checked.ok)
      throw new IngestError(
        `${indexPath} is not a Paperboy index (${checked.problems.slice(0, 3).join('; ')}); restore it from git or move it away, then ingest again`,
      );
    index = checked.value;
  }
  const dayDir = join(out, 'days');
  const files = existsSync(dayDir)
    ? readdirSync(dayDir).filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    : [];
  for (const name of files) {
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
  if (index) {
    const missing = index.days.filter((d) => !days.has(d.date)).map((d) => d.date);
    if (missing.length)
      throw new IngestError(
        `${indexPath} lists days with no file in ${dayDir}: ${missing.slice(0, 5).join(', ')}; restore them from git before ingesting`,
      );
  }
  return { index, days };
}

/**
 * The similar-paper files already in `out`, as canonical text by date, so only the ones whose
 * content changed are written again. A damaged one is simply rewritten.
 */
function readSimilar(out: string): Map<string, string> {
  const dir = join(out, 'similar');
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f)))
    try {
      files.set(name.slice(0, 10), canonical(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
    } catch {
      /* unreadable: written again */
    }
  return files;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
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
      writeFileSync(fd, String(process.pid));
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
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      io.out(
        `${USAGE}\n\nTurns papers into the dataset in DIR (default data/). The format is read from the content: Hugging Face daily-papers API JSON, arXiv RSS, arXiv API Atom, arXiv OAI-PMH, JSON lines, a Hugging Face papers page or an arXiv listing page as copied, or daily-papers page text; optionally gzipped. A YYYY-MM-DD in a file name is the day of papers that carry none.`,
      );
      return 0;
    }
    // Every file is read and parsed before anything is written: one bad file stops them all.
    const raw: RawPaper[] = [];
    for (const f of args.files) {
      file = f;
      const parsed = parseInput(readInput(f), { ...args.options, fileDate: dateInFileName(f) });
      io.out(`read ${basename(f)} as ${FORMATS[parsed.format]}: ${parsed.details.join(', ')}`);
      raw.push(...parsed.papers);
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
    mkdirSync(join(out, 'days'), { recursive: true });
    const release = acquireLock(out, io.lockTimeoutMs ?? 30_000);
    try {
      const existing = readDataset(out);
      const now = (io.now?.() ?? new Date()).toISOString();
      const result = ingest(
        existing.days,
        existing.index,
        raw,
        now,
        (stage, done, total) => {
          if (large)
            io.err(
              total > 1
                ? `${stage} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`
                : `${stage}…`,
            );
        },
        readSimilar(out),
      );
      for (const warning of result.warnings.slice(0, 20)) io.err(`warning: ${warning}`);
      if (result.warnings.length > 20)
        io.err(`warning: ${plural(result.warnings.length - 20, 'more field')} cut to its limit`);
      if (large && result.changed.length)
        io.err(`writing ${plural(result.changed.length, 'day file')}`);
      // Day files first, the index last: the index never names a day that is not on disk.
      for (const day of result.changed)
        writeAtomic(join(out, 'days', `${day.date}.json`), serialize(day));
      if (result.changedSimilar.length) mkdirSync(join(out, 'similar'), { recursive: true });
      for (const file of result.changedSimilar)
        writeAtomic(join(out, 'similar', `${file.date}.json`), serialize(file));
      const indexText = serialize(result.index);
      const indexPath = join(out, 'index.json');
      if (!existsSync(indexPath) || readFileSync(indexPath, 'utf8') !== indexText)
        writeAtomic(indexPath, indexText);
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
    }
  } catch (error) {
    if (error instanceof IngestError) {
      io.err(`paperboy ingest: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof DigestError) {
      io.err(`paperboy ingest: ${file}${error.line === undefined ? ':' : ''} ${error.message}`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `paperboy ingest: unexpected error${file ? ` while ingesting ${file}` : ''}: ${message}. Nothing was written. Please report this with the input file.`,
    );
    if (process.env.DEBUG) io.err(String((error as Error)?.stack));
    return 70;
  }
}
