import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packTable, resolveIndexed, unpackTable } from '../../src/lib/archive-result';

const id = fc.stringMatching(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
const date = fc.constantFrom('2025-09-19', '2025-09-18', '2024-01-02');

describe('an all-days result crossing from the worker', () => {
  it('gets back every id and date of its table, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(id, date)), (rows) => {
        const table = { ids: rows.map((r) => r[0]), dates: rows.map((r) => r[1]) };
        const packed = structuredClone(packTable(table));
        expect(unpackTable(packed)).toEqual(table);
        // Dates of one day travel once.
        expect(packed.runs.length).toBeLessThanOrEqual(rows.length);
      }),
    );
  });

  it('reads a result’s positions as ids and dates', () => {
    const table = { ids: ['a', 'b', 'c'], dates: ['2025-09-19', '2025-09-19', '2025-09-18'] };
    const result = resolveIndexed(
      {
        table: 'days:1',
        indexes: Int32Array.from([2, 0]),
        topicCounts: {},
        codeCount: 0,
        matches: [],
        words: [],
        first: [],
        hasVotes: false,
        took: 0,
        ownDayCounts: {},
      },
      table,
    );
    expect(result.ids).toEqual(['c', 'a']);
    expect(result.dates).toEqual(['2025-09-18', '2025-09-19']);
    expect(result).not.toHaveProperty('table');
    expect(result).not.toHaveProperty('indexes');
  });
});
