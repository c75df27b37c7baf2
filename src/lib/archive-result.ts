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
