/**
 * The update command: brings the dataset up to date from the sources in paperboy.config.json,
 * then builds the site. For Hugging Face it fetches every day from the dataset's newest day
 * (days after tomorrow left out, with a warning) through today (UTC), at most `maxDays` of
 * them; for arXiv, today's RSS once per source (the feed holds only the latest announcement).
 * Every download goes through `fetchSource`, the same code as `npm run fetch`. One failed
 * download does not stop the others: what succeeded is kept, and the exit code says something
 * failed.
 *
 *   npm run update -- [--config FILE] [--no-build]
 *
 * Exit codes: 0 all went well; 1 a download failed (the rest are kept, and the site is built);
 * 2 a bad command line or config; 3 the build failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod';
import { addIsoDays } from '../src/domain/iso-date';
import { validateIndex } from '../src/domain/schema';
import { readSiteTopics } from '../src/domain/topic-rule-schema';
import {
  CommandError,
  type FetchIo,
  checkSettings,
  type Outcome,
  type Source,
  describeSource,
  fetchSource,
  isCategory,
  todayUtc,
} from './fetch-cli';

import { IngestError } from './ingest-cli';
export const USAGE = 'usage: npm run update -- [--config FILE] [--no-build]';

export const DEFAULT_CONFIG = 'paperboy.config.json';
export const EXIT_FETCH_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_BUILD_FAILED = 3;

const category = z.string().refine(isCategory, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not an arXiv category; categories look like cs.LG, stat.ML, quant-ph or math.OC`,
});

/** paperboy.config.json. Unknown keys are refused, so a misspelt one does not go unnoticed. */
export const configSchema = z.strictObject({
  sources: z
    .array(
      z.discriminatedUnion(
        'type',
        [
          z.strictObject({ type: z.literal('hf') }),
          z.strictObject({
            type: z.literal('arxiv'),
            categories: z
              .array(category, { error: 'expected a list of arXiv categories, e.g. ["cs.LG"]' })
              .min(1, { error: 'name at least one arXiv category, e.g. ["cs.LG"]' }),
            includeReplacements: z.boolean().default(false),
          }),
        ],
        { error: 'expected "type": "hf" or "type": "arxiv"' },
      ),
      { error: 'expected a list of sources, e.g. [{ "type": "hf" }]' },
    )
    .min(1, { error: 'name at least one source, e.g. [{ "type": "hf" }]' }),
  /** The dataset folder, relative to the config file. */
  out: z.string().min(1).default('data'),
  /** The most Hugging Face days one update fetches. */
  maxDays: z
    .int({ error: 'expected a whole number of days, e.g. 14' })
    .min(1, { error: 'expected at least 1 day' })
    .max(366, { error: 'expected at most 366 days' })
    .default(14),
  /** The site's extra topics, applied when the site is built (checked by readSiteTopics). */
  topics: z.optional(z.unknown()),
});
export type Config = z.infer<typeof configSchema>;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}

/** Reads and validates the config; every problem is named by file and field. */
export function readConfig(path: string): Config {
  if (!existsSync(path))
    throw new CommandError(
      `${path}: no such file; create it (see paperboy.config.json in the repository) or pass --config FILE`,
    );
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CommandError(
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix it and run again`,
    );
  }
  const result = configSchema.safeParse(value);
  if (result.success) {
    try {
      readSiteTopics(result.data.topics);
    } catch (error) {
      throw new CommandError(error instanceof Error ? error.message : String(error));
    }
    return result.data;
  }
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
  throw new CommandError(`${path}: ${problems.join('; ')}; fix it and run again`);
}

/**
 * The newest day of the dataset in `out` up to tomorrow (UTC), or null when there is none yet,
 * and the days after tomorrow (an ingest with --allow-future, or a typo from before it was
 * refused), which are left out: taken as the newest, one would stop every update fetching.
 */
export function newestDay(out: string, today: string): { newest: string | null; ahead: string[] } {
  const tomorrow = addIsoDays(today, 1);
  const path = join(out, 'index.json');
  if (!existsSync(path)) return { newest: null, ahead: [] };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    value = undefined;
  }
  const checked = validateIndex(value);
  if (!checked.ok)
    throw new IngestError(
      `${path} is not a Paperboy index${value === undefined ? ' (not valid JSON)' : ` (${checked.problems.slice(0, 3).join('; ')})`}; restore it with "git checkout -- ${path}", then update again`,
    );
  const dates = checked.value.days.map((d) => d.date).sort();
  return {
    newest: dates.filter((d) => d <= tomorrow).at(-1) ?? null,
    ahead: dates.filter((d) => d > tomorrow),
  };
}

/**
 * The Hugging Face days to fetch: from the newest day the dataset has through today, the
 * newest day again because Hugging Face keeps adding papers to a day's page all that day (an
 * early-morning update sees only the first few). At most `maxDays`, the latest ones; just today
 * when there is no dataset yet.
 */
export function hfDays(
  newest: string | null,
  today: string,
  maxDays: number,
): { days: string[]; skipped: number } {
  if (!newest) return { days: [today], skipped: 0 };
  const days: string[] = [];
  for (let d = newest; d <= today; d = addIsoDays(d, 1)) days.push(d);
  const skipped = Math.max(0, days.length - maxDays);
  return { days: days.slice(skipped), skipped };
}

/** Runs `npm run build` on the dataset in `out`; returns its exit status. */
function npmBuild(out: string, env: Record<string, string | undefined>): number {
  const result = spawnSync('npm', ['run', 'build'], {
    stdio: 'inherit',
    // The parent's environment under the given one: npm needs PATH even when a caller passes
    // only the PAPERBOY_* settings.
    env: { ...process.env, ...env, PAPERBOY_DATA: resolve(out) },
    shell: process.platform === 'win32',
  });
  return result.status ?? 1;
}

export interface UpdateIo extends FetchIo {
  /** Builds the site from the dataset in `out`; `npm run build` by default. Returns the exit code. */
  build?: (out: string) => number;
}

interface Args {
  config: string;
  build: boolean;
}

function parseUpdateArgs(argv: readonly string[]): Args | 'help' {
  const args: Args = { config: DEFAULT_CONFIG, build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--no-build') args.build = false;
    else if (flag === '--config') {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new CommandError(`--config needs a file\n${USAGE}`);
      args.config = v;
    } else if (flag.startsWith('-')) throw new CommandError(`unknown flag ${flag}\n${USAGE}`);
    else
      throw new CommandError(
        `update takes no arguments (got "${arg}"); the sources are in the config\n${USAGE}`,
      );
  }
  return args;
}

function summaryLine(outcome: Outcome): string {
  const what = describeSource(outcome.source);
  if (outcome.status === 'failed') return `  ${what}: FAILED: ${outcome.message}`;
  if (outcome.status === 'empty') return `  ${what}: no papers; nothing kept`;
  return `  ${what}: ${outcome.summary}; kept ${outcome.raw}`;
}

/** Runs the command; returns the exit code. Never throws. */
export async function runUpdate(argv: string[], io: UpdateIo): Promise<number> {
  try {
    const args = parseUpdateArgs(argv);
    if (args === 'help') {
      io.out(
        `${USAGE}\n\nFetches what is new from the sources in ${DEFAULT_CONFIG} (Hugging Face: every day from the dataset's newest (leaving out days after tomorrow, with a warning) through today, at most maxDays; arXiv: today's RSS), ingests it, then runs npm run build unless --no-build.\n` +
          'Exit codes: 0 done; 1 a download failed (the others are kept); 2 bad command line or config; 3 the build failed.',
      );
      return 0;
    }
    const config = readConfig(args.config);
    checkSettings(io.env ?? process.env);
    const out = isAbsolute(config.out) ? config.out : join(dirname(args.config), config.out);
    const today = todayUtc(io.now);
    const { newest, ahead } = newestDay(out, today);
    if (ahead.length)
      io.err(
        `warning: ${join(out, 'index.json')} has ${ahead.length === 1 ? '1 day' : `${ahead.length} days`} after tomorrow (${ahead.slice(0, 5).join(', ')}${ahead.length > 5 ? ', …' : ''}); ${newest ? `fetching from the newest day before ${ahead.length === 1 ? 'it' : 'them'}, ${newest}` : 'fetching today only, as for a new dataset'} (remove the day or fix its date to stop this warning)`,
      );

    const sources: Source[] = [];
    const notes: string[] = [];
    for (const source of config.sources) {
      if (source.type === 'arxiv') {
        sources.push(source);
        continue;
      }
      const { days, skipped } = hfDays(newest, today, config.maxDays);
      if (skipped)
        io.err(
          `the dataset's newest day is ${newest}; fetching only the last ${config.maxDays} days of Hugging Face (${days[0]} to ${today}), ${skipped} ${skipped === 1 ? 'day' : 'days'} before them are left out; raise maxDays in ${args.config} to fetch more`,
        );
      if (!days.length)
        notes.push(`  hf: nothing to fetch; the dataset's newest day, ${newest}, is after today`);
      sources.push(...days.map((date): Source => ({ type: 'hf', date })));
    }

    const outcomes: Outcome[] = [];
    const seen = new Set<string>();
    for (const source of sources) {
      // A source listed twice in the config is fetched once.
      const key = JSON.stringify(source);
      if (seen.has(key)) continue;
      seen.add(key);
      const outcome = await fetchSource(source, out, today, io);
      if (outcome.status === 'failed') io.err(`paperboy update: ${outcome.message}`);
      outcomes.push(outcome);
    }
    const failed = outcomes.filter((o) => o.status === 'failed').length;

    io.out(`update of ${out} on ${today}:`);
    for (const line of [...notes, ...outcomes.map(summaryLine)]) io.out(line);

    if (!args.build) {
      io.out('skipped the build (--no-build)');
    } else {
      io.out(`building the site from ${out} (npm run build)…`);
      const status = (io.build ?? ((dir) => npmBuild(dir, io.env ?? process.env)))(out);
      if (status !== 0) {
        io.err(
          `paperboy update: the build failed (exit code ${status}; see above); what was fetched is in ${out}, but the site is not built`,
        );
        return EXIT_BUILD_FAILED;
      }
      io.out('built the site into dist/');
    }
    if (failed) {
      io.err(
        `paperboy update: ${
          failed === outcomes.length
            ? outcomes.length === 1
              ? 'the download failed'
              : `all ${outcomes.length} downloads failed`
            : `${failed} of ${outcomes.length} downloads failed (see above); the others are kept`
        }`,
      );
      return EXIT_FETCH_FAILED;
    }
    return 0;
  } catch (error) {
    if (error instanceof IngestError) {
      io.err(`paperboy update: ${error.message}`);
      return error.exitCode;
    }
    io.err(
      `paperboy update: unexpected error: ${error instanceof Error ? error.message : String(error)}. Please report this.`,
    );
    return 70;
  }
}
