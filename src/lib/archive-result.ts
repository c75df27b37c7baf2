/**
 * The all-days result as it crosses from the search worker: positions, not strings. Kept apart
 * from archive.ts so the page can read results without loading the archive's code.
 */
import type { ArchiveResult } from './archive';

/**
 * A result as the worker sends it: positions in an id table instead of up to 20,000 id and date
 * strings per keystroke (copying those took milliseconds on both threads). `table` names the
 * table (the split index's version, or the days' indexing); the client is sent each one once.
 */
export interface IndexedResult extends Omit<ArchiveResult, 'ids' | 'dates'> {
  table: string;
  indexes: Int32Array;
}

/** The ids and dates an IndexedResult's positions point into. */
export interface IdTable {
  ids: readonly string[];
  dates: readonly string[];
}

/** An IndexedResult's ids and dates, read from its table. */
export function resolveIndexed(
  { table: _name, indexes, ...rest }: IndexedResult,
  table: IdTable,
): ArchiveResult {
  return {
    ...rest,
    ids: Array.from(indexes, (i) => table.ids[i]!),
    dates: Array.from(indexes, (i) => table.dates[i]!),
  };
}

/**
 * An id table as it crosses from the worker: the ids in one string (ids are lowercase words and
 * hyphens, never a newline) and the dates as runs of equal dates (the archive lists papers by
 * day). 200,000 separate strings took the structured clone a tenth of a second each way.
 */
export interface PackedTable {
  count: number;
  ids: string;
  runs: [date: string, count: number][];
}

export function packTable({ ids, dates }: IdTable): PackedTable {
  const runs: [string, number][] = [];
  for (const date of dates) {
    const last = runs.at(-1);
    if (last?.[0] === date) last[1]++;
    else runs.push([date, 1]);
  }
  return { count: ids.length, ids: ids.join('\n'), runs };
}

export function unpackTable({ count, ids, runs }: PackedTable): IdTable {
  const dates: string[] = [];
  for (const [date, n] of runs) for (let i = 0; i < n; i++) dates.push(date);
  return { ids: count ? ids.split('\n', count) : [], dates };
}
