/**
 * The fetch command: downloads one day of papers from Hugging Face or the latest arXiv
 * announcement, and hands it to the ingest command. The download is written to a temporary
 * file under <out>/raw/ first and kept there (as the dataset's source) only when the ingest
 * succeeded; on any failure it is deleted and the dataset is exactly as it was.
 *
 *   npm run fetch -- hf [--date YYYY-MM-DD] [--out DIR]
 *   npm run fetch -- arxiv <category>... [--include-replacements] [--out DIR]
 *
 * The servers are read from PAPERBOY_HF_URL and PAPERBOY_ARXIV_RSS_URL, so tests point them at
 * a replay server. `fetchSource` is shared with the update command.
 */
import { mkdirSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isIsoDate } from '../src/domain/iso-date';
import {
  FetchError,
  type FetchTextOptions,
  SettingError,
  envMaxBytes,
  envMs,
  fetchText,
} from './http';
import { EXIT_PARTLY_SWITCHED, IngestError, type Io, runIngest } from './ingest-cli';

export const USAGE = [
  'usage: npm run fetch -- hf [--date YYYY-MM-DD] [--out DIR]',
  '       npm run fetch -- arxiv <category>... [--include-replacements] [--out DIR]',
].join('\n');

export const HF_URL = 'https://huggingface.co';
export const ARXIV_RSS_URL = 'https://rss.arxiv.org';

/**
 * What to download: a day of Hugging Face daily papers (without a date, whatever the API shows
 * today), or the arXiv RSS of some categories.
 */
export type Source =
  | { type: 'hf'; date?: string }
  | { type: 'arxiv'; categories: string[]; includeReplacements: boolean };

export interface FetchIo extends Io {
  /** Read for PAPERBOY_HF_URL, PAPERBOY_ARXIV_RSS_URL and the PAPERBOY_FETCH_* settings. */
  env?: Record<string, string | undefined>;
  /** HTTP settings a test can shorten (time-out, back-off) or replace (fetch, sleep). */
  http?: Pick<
    FetchTextOptions,
    'fetch' | 'timeoutMs' | 'backoffMs' | 'retries' | 'maxBytes' | 'sleep'
  >;
}

/** A mistake in the command line or the settings: printed with no stack trace, exit code 2. */
export class CommandError extends IngestError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** Today's date in UTC as YYYY-MM-DD: the day a download is filed under. */
export function todayUtc(now: () => Date = () => new Date()): string {
  return now().toISOString().slice(0, 10);
}

// arXiv categories: an archive (cs, quant-ph, hep-th), optionally with a subject class. Subject
// classes are two capitals (cs.LG, math.OC, astro-ph.CO), except in physics and cond-mat, where
// they are lowercase words (physics.flu-dyn, cond-mat.stat-mech).
const CATEGORY = /^(?:(?:physics|cond-mat)\.[a-z]+(?:-[a-z]+)?|[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?)$/;

export const isCategory = (value: string) => CATEGORY.test(value);

/** Checks one arXiv category; refuses others with the form to use and, if it can, a guess. */
export function checkCategory(value: string): string {
  if (isCategory(value)) return value;
  const guess = value.replace(
    /^([A-Za-z]+(?:-[A-Za-z]+)?)\.([A-Za-z]{2})$/,
    (_, archive: string, subject: string) => `${archive.toLowerCase()}.${subject.toUpperCase()}`,
  );
  throw new CommandError(
    `"${value}" is not an arXiv category; ${isCategory(guess) ? `did you mean ${guess}? ` : ''}categories look like cs.LG, stat.ML, quant-ph or math.OC`,
  );
}

interface Args {
  source: Source;
  out: string;
}

/** Reads the command line. `today` is for refusing a --date that has not happened yet. */
export function parseFetchArgs(argv: readonly string[], today: string): Args | 'help' {
  const positional: string[] = [];
  let out = 'data';
  let date: string | undefined;
  let includeReplacements = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new CommandError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--out') out = value();
    else if (flag === '--date') {
      date = value();
      if (!isIsoDate(date))
        throw new CommandError(
          `--date "${date}" is not a date; use YYYY-MM-DD, e.g. --date ${today}`,
        );
      if (date > today)
        throw new CommandError(
          `--date ${date} is after today (${today} UTC); there are no papers for it yet`,
        );
    } else if (flag === '--include-replacements') includeReplacements = true;
    else if (flag.startsWith('-')) throw new CommandError(`unknown flag ${flag}\n${USAGE}`);
    else positional.push(arg);
  }
  const [type, ...rest] = positional;
  if (type === 'hf') {
    if (rest.length)
      throw new CommandError(
        `hf takes no categories (got ${rest.join(' ')}); for arXiv use: npm run fetch -- arxiv ${rest.join(' ')}`,
      );
    if (includeReplacements)
      throw new CommandError('--include-replacements is for arxiv; Hugging Face has none');
    return { source: date ? { type, date } : { type }, out };
  }
  if (type === 'arxiv') {
    if (date)
      throw new CommandError(
        '--date is for hf only; the arXiv RSS feed holds just the latest announcement',
      );
    // `cs.LG+cs.CV` and `cs.LG,cs.CV` are taken too: that is how the feed address spells them.
    const categories = [...new Set(rest.flatMap((r) => r.split(/[+,]/)).filter(Boolean))];
    if (!categories.length)
      throw new CommandError(
        `name at least one arXiv category, e.g. npm run fetch -- arxiv cs.LG cs.CV\n${USAGE}`,
      );
    return {
      source: { type, categories: categories.map(checkCategory), includeReplacements },
      out,
    };
  }
  throw new CommandError(
    type === undefined
      ? `say what to fetch: hf or arxiv\n${USAGE}`
      : `unknown source "${type}"; use hf or arxiv\n${USAGE}`,
  );
}

/** A server's base address from the environment, checked, without a trailing slash. */
function baseUrl(env: Record<string, string | undefined>, name: string, fallback: string) {
  const value = env[name]?.trim() || fallback;
  if (!/^https?:\/\/[^\s/]+/i.test(value) || !URL.canParse(value))
    throw new CommandError(
      `${name}="${value}" is not an http(s) address; unset it or give one, e.g. ${fallback}`,
    );
  return value.replace(/\/+$/, '');
}

/**
 * Checks the PAPERBOY_* settings in the environment before anything is fetched, so a typo is
 * one clear message rather than one failed download per source.
 */
export function checkSettings(env: Record<string, string | undefined>): void {
  baseUrl(env, 'PAPERBOY_HF_URL', HF_URL);
  baseUrl(env, 'PAPERBOY_ARXIV_RSS_URL', ARXIV_RSS_URL);
  try {
    envMs(env, 'PAPERBOY_FETCH_TIMEOUT_MS');
    envMs(env, 'PAPERBOY_FETCH_BACKOFF_MS');
    envMaxBytes(env);
  } catch (error) {
    throw error instanceof SettingError ? new CommandError(error.message) : error;
  }
}

/** The address a source is downloaded from. */
export function sourceUrl(source: Source, env: Record<string, string | undefined> = {}): string {
  if (source.type === 'hf') {
    const base = baseUrl(env, 'PAPERBOY_HF_URL', HF_URL);
    return `${base}/api/daily_papers${source.date ? `?date=${source.date}` : ''}`;
  }
  const base = baseUrl(env, 'PAPERBOY_ARXIV_RSS_URL', ARXIV_RSS_URL);
  return `${base}/rss/${source.categories.join('+')}`;
}

/**
 * The name a download is kept under in <out>/raw/. It holds the day, which the ingest command
 * reads as the day of papers that carry none.
 */
export function rawFileName(source: Source, today: string): string {
  return source.type === 'hf'
    ? `hf-daily-papers-${source.date ?? today}.json`
    : `arxiv-rss-${source.categories.join('+')}-${today}.xml`;
}

/** A source as the update summary names it: `hf 2026-07-13`, `arxiv cs.LG+cs.CV`. */
export function describeSource(source: Source): string {
  return source.type === 'hf'
    ? `hf ${source.date ?? 'today'}`
    : `arxiv ${source.categories.join('+')}`;
}

const kindOf = (source: Source) => (source.type === 'hf' ? 'json' : 'xml');

const preview = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
};

/**
 * Refuses an answer that cannot be what was asked for (an empty body, a web page, not JSON),
 * naming the address: a proxy's login page should not reach the parser as a "feed".
 */
export function checkBody(url: string, body: string, kind: 'json' | 'xml'): void {
  const text = body.replace(/^\uFEFF/, '').trim();
  const wanted = kind === 'json' ? 'JSON' : 'an RSS feed';
  if (!text) throw new FetchError(`${url} answered with an empty body; try again later`, url);
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])/i.test(text))
    throw new FetchError(
      `${url} answered with a web page, not ${wanted}; is the address right, and is there no login page (a hotel or office network) in the way?`,
      url,
    );
  if (kind === 'json') {
    try {
      JSON.parse(text);
    } catch {
      throw new FetchError(
        `${url} answered with something that is not JSON ("${preview(text)}"); is the address right?`,
        url,
      );
    }
  } else if (!text.startsWith('<'))
    throw new FetchError(
      `${url} answered with something that is not ${wanted} ("${preview(text)}"); is the address right?`,
      url,
    );
}

/** True when a download lists no papers at all: an empty JSON array, an RSS feed with no item. */
export function isEmptyFeed(body: string, kind: 'json' | 'xml'): boolean {
  if (kind === 'xml') return !/<item[\s>]/.test(body);
  try {
    const value: unknown = JSON.parse(body);
    return Array.isArray(value) && value.length === 0;
  } catch {
    return false;
  }
}

/** Removes `dir` and its parents up to `top` while they are empty (the folders a fetch made). */
function removeEmptyDirs(dir: string, top: string | undefined): void {
  if (!top) return;
  const stop = resolve(top);
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === stop || dirname(d) === d) return;
  }
}

/** What one download came to, for the command's exit code and the update summary. */
export type Outcome =
  | { status: 'kept'; source: Source; raw: string; summary: string }
  | { status: 'empty'; source: Source; summary: string }
  | { status: 'failed'; source: Source; message: string; exitCode: number };

/** Joins a message and a closing remark as one sentence-ish line. */
const then = (message: string, remark: string) =>
  `${message}${/[?.!]$/.test(message) ? ' ' : '; '}${remark}`;

/**
 * Downloads `source`, checks the answer, and ingests it into `out`, keeping the download in
 * <out>/raw/ only when the ingest succeeded and it held papers. Never throws: every failure is
 * an Outcome with a one-line message, and leaves `out` as it was.
 */
export async function fetchSource(
  source: Source,
  out: string,
  today: string,
  io: FetchIo,
): Promise<Outcome> {
  const env = io.env ?? process.env;
  let url = '';
  try {
    url = sourceUrl(source, env);
    const kind = kindOf(source);
    const body = await fetchText(url, {
      ...io.http,
      env,
      accept:
        kind === 'json'
          ? 'application/json'
          : 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8',
      notFoundHint:
        source.type === 'hf'
          ? 'check the date, or PAPERBOY_HF_URL'
          : 'check the categories, or PAPERBOY_ARXIV_RSS_URL',
      progress: io.err,
    });
    checkBody(url, body, kind);

    const rawDir = join(out, 'raw');
    const made = mkdirSync(rawDir, { recursive: true });
    const name = rawFileName(source, today);
    // The temporary name keeps the day: the ingest reads it as the day of papers with none.
    const tmp = join(rawDir, `.fetch-${process.pid}-${name}`);
    const lines: string[] = [];
    let code: number;
    try {
      writeFileSync(tmp, body);
      code = runIngest(
        [
          tmp,
          '--out',
          out,
          '--allow-empty',
          ...(source.type === 'hf' && source.date ? ['--date', source.date] : []),
          ...(source.type === 'arxiv' && source.includeReplacements
            ? ['--include-replacements']
            : []),
        ],
        {
          ...io,
          out: (line) => {
            lines.push(line);
            io.out(line);
          },
        },
      );
    } catch (error) {
      rmSync(tmp, { force: true });
      removeEmptyDirs(rawDir, made);
      throw error;
    }
    const empty = code === 0 && isEmptyFeed(body, kind);
    if (code !== 0 || empty) {
      rmSync(tmp, { force: true });
      removeEmptyDirs(rawDir, made);
    }
    if (code !== 0)
      return {
        status: 'failed',
        source,
        exitCode: code,
        message:
          code === EXIT_PARTLY_SWITCHED
            ? `could not finish ingesting what ${url} answered (see above); the dataset is partly switched in: run the fetch again to finish it`
            : `could not ingest what ${url} answered (see above); nothing was changed`,
      };
    if (empty)
      return {
        status: 'empty',
        source,
        summary:
          source.type === 'hf'
            ? `Hugging Face lists no papers for ${source.date ?? 'today'}; nothing was kept`
            : `arXiv announced nothing in ${source.categories.join('+')} (there are no announcements on weekends and holidays); nothing was kept`,
      };
    const raw = join(rawDir, name);
    try {
      renameSync(tmp, raw);
    } catch (error) {
      rmSync(tmp, { force: true });
      return {
        status: 'failed',
        source,
        exitCode: 1,
        message: `ingested what ${url} answered, but could not keep the download as ${raw} (${(error as NodeJS.ErrnoException).code ?? 'error'}); the dataset is updated without it`,
      };
    }
    return { status: 'kept', source, raw, summary: lines.at(-1) ?? 'ingested' };
  } catch (error) {
    if (error instanceof FetchError)
      return {
        status: 'failed',
        source,
        exitCode: 1,
        message: then(error.message, 'nothing was changed'),
      };
    if (error instanceof CommandError || error instanceof SettingError)
      return {
        status: 'failed',
        source,
        exitCode: error instanceof CommandError ? error.exitCode : 2,
        message: error.message,
      };
    const code = (error as NodeJS.ErrnoException)?.code;
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'failed',
      source,
      exitCode: code ? 1 : 70,
      message: code
        ? `cannot write under ${join(out, 'raw')} (${code}); can you write to that folder? nothing was changed`
        : `unexpected error while fetching ${url || describeSource(source)}: ${message}. Nothing was changed. Please report this.`,
    };
  }
}

/** Runs the command; returns the exit code. Never throws. */
export async function runFetch(argv: string[], io: FetchIo): Promise<number> {
  try {
    const today = todayUtc(io.now);
    const args = parseFetchArgs(argv, today);
    if (args === 'help') {
      io.out(
        `${USAGE}\n\nDownloads papers and ingests them into DIR (default data/), keeping the download in DIR/raw/.\n` +
          '  hf      the Hugging Face daily papers of --date, or of today\n' +
          '  arxiv   the latest arXiv announcement in the categories (cs.LG, stat.ML, quant-ph…); replacements only with --include-replacements\n' +
          'Environment: PAPERBOY_HF_URL, PAPERBOY_ARXIV_RSS_URL (other servers), PAPERBOY_FETCH_TIMEOUT_MS (default 30000), PAPERBOY_FETCH_BACKOFF_MS (default 1000), PAPERBOY_FETCH_MAX_BYTES (the largest download, default 52428800: 50 MB).',
      );
      return 0;
    }
    checkSettings(io.env ?? process.env);
    const outcome = await fetchSource(args.source, args.out, today, io);
    if (outcome.status === 'failed') {
      io.err(`paperboy fetch: ${outcome.message}`);
      return outcome.exitCode;
    }
    io.out(outcome.status === 'kept' ? `kept the download as ${outcome.raw}` : outcome.summary);
    return 0;
  } catch (error) {
    if (error instanceof CommandError) {
      io.err(`paperboy fetch: ${error.message}`);
      return error.exitCode;
    }
    io.err(
      `paperboy fetch: unexpected error: ${error instanceof Error ? error.message : String(error)}. Nothing was changed. Please report this.`,
    );
    return 70;
  }
}
