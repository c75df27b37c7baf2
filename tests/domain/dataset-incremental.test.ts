import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ArchiveState,
  type DayMap,
  type IngestResult,
  buildIndex,
  buildPaper,
  decodeState,
  encodeState,
  ingest,
  ingestIncremental,
  preparePapers,
  stateMatches,
  touchedDates,
} from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import type { RawPaper } from '../../src/domain/formats/raw';
import { seedText } from '../helpers';

const NOW = '2025-09-25T08:00:00.000Z';
const seedRaw = parseDigest(seedText(), { year: 2025 });

/** The seed's 63 papers spread over three days, ingested in full. */
function archive() {
  const raw = seedRaw.map((r, i) => ({ ...r, date: `2025-09-${17 + (i % 3)}` }));
  return ingest(new Map(), null, raw, NOW);
}

/** The days of the archive that an incremental ingest of `raw` reads. */
function loadedFor(full: IngestResult, state: ArchiveState, raw: RawPaper[]): DayMap {
  const input = preparePapers(raw, NOW);
  return new Map(touchedDates(state, input.papers).map((d) => [d, full.days.get(d)!]));
}

const copy = (state: ArchiveState) => decodeState(encodeState(state))!;

function incremental(full: IngestResult, raw: RawPaper[]) {
  const state = copy(full.state);
  const result = ingestIncremental(
    state,
    loadedFor(full, state, raw),
    full.index,
    preparePapers(raw, NOW),
    NOW,
  );
  if ('fallback' in result) throw new Error(result.fallback);
  return result;
}

const newDay: RawPaper[] = [
  {
    title: 'Ensemble Kalman Filtering with Learned Model Error for Data Assimilation',
    abstract:
      'We learn the structural model error of a weather model from analysis increments and correct the forecast inside an ensemble Kalman filter for data assimilation.',
    date: '2025-09-20',
    line: 1,
  },
  {
    title: 'A Survey of Sourdough Microbiology',
    abstract: 'Lactic acid bacteria and wild yeasts in rye and wheat sourdough starters.',
    date: '2025-09-20',
    line: 2,
  },
];

describe('the archive state', () => {
  const full = archive();

  it('describes the dataset it was made with, and survives a round trip through bytes', () => {
    expect(full.mode).toBe('full');
    expect(full.state.version).toBe(full.index.version);
    expect(stateMatches(full.state, full.index)).toBe(true);
    const again = copy(full.state);
    expect(encodeState(again)).toEqual(encodeState(full.state));
    expect(again.days.map((d) => d.docs.length)).toEqual(full.index.days.map((d) => d.count));
  });

  it('does not match another version of the dataset', () => {
    expect(stateMatches(full.state, { ...full.index, version: '1-other' })).toBe(false);
    expect(stateMatches(full.state, null)).toBe(false);
    const dropped = { ...full.index, days: full.index.days.slice(1) };
    expect(stateMatches(full.state, dropped)).toBe(false);
  });

  it('is refused, never half-read, when its bytes are damaged', () => {
    const bytes = encodeState(full.state);
    expect(decodeState(bytes.slice(0, bytes.length - 8))).toBeNull();
    expect(decodeState(bytes.slice(0, 1000))).toBeNull();
    expect(decodeState(new Uint8Array(64))).toBeNull();
    expect(decodeState(new TextEncoder().encode('not a state at all, but text!!!'))).toBeNull();
    for (const at of [3, 20, Math.floor(bytes.length / 2), bytes.length - 12]) {
      const flipped = bytes.slice();
      flipped[at]! ^= 0x40;
      expect(decodeState(flipped), `byte ${at} flipped`).toBeNull();
    }
  });
});

describe('ingestIncremental', () => {
  const full = archive();

  it('reads only the new day and the days holding papers the input can match', () => {
    const state = full.state;
    const input = preparePapers(newDay, NOW);
    expect(touchedDates(state, input.papers)).toEqual([]);
    const again = preparePapers([{ ...seedRaw[4]!, date: '2025-09-20', line: 3 }], NOW);
    expect(touchedDates(state, again.papers)).toEqual(['2025-09-18']);
  });

  it('gives the same days and index as a full ingest, with the untouched days not read', () => {
    const result = incremental(full, newDay);
    const all: DayMap = new Map([...full.days, ...result.days]);
    const reference = ingest(full.days, full.index, newDay, NOW);
    expect(result.mode).toBe('incremental');
    expect(result.index).toEqual(reference.index);
    expect(result.index).toEqual(buildIndex(all, NOW, full.index));
    expect(result.changed).toEqual(reference.changed);
    expect(result.state.version).toBe(result.index.version);
    expect(stateMatches(result.state, result.index)).toBe(true);
    expect(result.report).toEqual(reference.report);
  });

  it("gives each new paper the full recompute's nearest paper, and an old paper the new one that nearly repeats it", () => {
    const result = incremental(full, newDay);
    const reference = ingest(full.days, full.index, newDay, NOW);
    const newFile = result.changedSimilar.find((f) => f.date === '2025-09-20')!;
    const fullFile = reference.changedSimilar.find((f) => f.date === '2025-09-20')!;
    const assimilation = result.days.get('2025-09-20')![0]!.id;
    // Old papers keep their weights, so scores differ a little from a full recompute; the
    // nearest papers are among the full recompute's nearest.
    const ids = newFile.similar[assimilation]!.map((s) => s.id);
    const fullIds = fullFile.similar[assimilation]!.map((s) => s.id);
    expect(fullIds.slice(0, 3)).toContain(ids[0]);
    expect(ids.filter((id) => fullIds.includes(id)).length).toBeGreaterThanOrEqual(3);
    expect(newFile.similar[assimilation]![0]!.title).toMatch(/model error/i);
    // The seed paper it repeats lists it now, in its day's similar file, which is rewritten.
    const [date, papers] = [...full.days].find(([, list]) =>
      list.some((p) => p.title.startsWith('Interpretable structural model error')),
    )!;
    const old = papers.find((p) => p.title.startsWith('Interpretable structural model error'))!;
    const file = result.changedSimilar.find((f) => f.date === date)!;
    expect(file.similar[old.id]!.map((s) => s.id)).toContain(assimilation);
    expect(file.similar[old.id]!.find((s) => s.id === assimilation)).toMatchObject({
      date: '2025-09-20',
      title: newDay[0]!.title,
    });
  });

  it('writes no similar file whose content did not change', () => {
    const result = incremental(full, newDay);
    const before = new Map(
      full.changedSimilar.map((f) => [f.date, JSON.stringify(f)] as [string, string]),
    );
    for (const file of result.changedSimilar)
      expect(JSON.stringify(file), file.date).not.toBe(before.get(file.date));
  });

  it('changes nothing when the same papers come again', () => {
    const once = incremental(full, newDay);
    const onceFull: IngestResult = {
      ...once,
      days: new Map([...full.days, ...once.days]),
    };
    const twice = incremental(onceFull, newDay);
    expect(twice.changed).toEqual([]);
    expect(twice.changedSimilar).toEqual([]);
    expect(twice.index).toEqual(once.index);
    expect(encodeState(twice.state)).toEqual(encodeState(once.state));
  });

  it("moves a paper to an earlier day, and every list naming it shows the paper's new date", () => {
    const moved = { ...seedRaw[5]!, date: '2025-09-10', line: 1 };
    const result = incremental(full, [moved]);
    const reference = ingest(full.days, full.index, [moved], NOW);
    expect(result.report.moved).toBe(1);
    expect(result.index).toEqual(reference.index);
    const id = result.days.get('2025-09-10')![0]!.id;
    const refs = result.changedSimilar.flatMap((f) =>
      Object.values(f.similar)
        .flat()
        .filter((s) => s.id === id),
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref.date).toBe('2025-09-10');
    // Every file that names the paper was rewritten.
    const named = reference.changedSimilar.filter((f) =>
      Object.values(f.similar).some((list) => list.some((s) => s.id === id)),
    );
    const rewritten = new Set(result.changedSimilar.map((f) => f.date));
    for (const f of named) expect(rewritten.has(f.date), f.date).toBe(true);
  });

  it('takes a changed abstract in, with no list keeping the old score', () => {
    const target = seedRaw[8]!;
    const changed = {
      ...target,
      date: '2025-09-19',
      abstract: 'Rye sourdough ferments faster in warm kitchens.',
      line: 1,
    };
    const archiveDate = full.days.get('2025-09-19')!.some((p) => p.title === target.title);
    expect(archiveDate).toBe(true);
    const result = incremental(full, [changed]);
    expect(result.report.updated).toBe(1);
    const reference = ingest(full.days, full.index, [changed], NOW);
    expect(result.index).toEqual(reference.index);
  });

  it('asks for a full ingest once the archive grew by more than a tenth since the last one', () => {
    const state = copy(full.state);
    const many = Array.from({ length: 8 }, (_, i) => ({
      title: `A new paper number ${i + 1} on sparse data assimilation`,
      abstract: `Paper ${i + 1} studies data assimilation with sparse observations.`,
      date: '2025-09-21',
      line: i + 1,
    }));
    const result = ingestIncremental(
      state,
      loadedFor(full, state, many),
      full.index,
      preparePapers(many, NOW),
      NOW,
    );
    expect(result).toEqual({
      fallback: expect.stringMatching(
        /^8 papers signed since the last full computation over 63 papers$/,
      ),
    });
    // The state was left as it was.
    expect(encodeState(state)).toEqual(encodeState(full.state));
  });

  it('asks for a full ingest when the days read do not agree with the state', () => {
    const state = copy(full.state);
    const days: DayMap = new Map([['2025-09-18', full.days.get('2025-09-18')!.slice(1)]]);
    const result = ingestIncremental(state, days, full.index, preparePapers(newDay, NOW), NOW);
    expect(result).toEqual({ fallback: 'the state does not list the papers of 2025-09-18' });
  });

  it('keeps ids unique against the days it did not read', () => {
    const state = copy(full.state);
    const dupe = buildPaper({ ...seedRaw[0]!, date: '2025-09-20' });
    // The same title under another arXiv id is another paper, with a slug of its own.
    const raw = [
      { ...seedRaw[0]!, arxivId: '2509.99999', date: '2025-09-20', line: 1 },
      { ...seedRaw[0]!, arxivId: '2509.99998', date: '2025-09-20', line: 2 },
    ];
    const loaded = loadedFor(full, state, raw);
    const result = ingestIncremental(state, loaded, full.index, preparePapers(raw, NOW), NOW);
    if ('fallback' in result) throw new Error(result.fallback);
    const reference = ingest(full.days, full.index, raw, NOW);
    expect(result.index).toEqual(reference.index);
    const ids = [
      ...new Set([...full.days.values(), ...result.days.values()].flat().map((p) => p.id)),
    ];
    expect(ids).toContain(dupe.id);
    expect(result.state.similarity.ids.length).toBe(new Set(result.state.similarity.ids).size);
  });
});

describe('a run of ingests from the state', () => {
  /** One input: seed papers by index, each on a day, some with a new abstract or an arXiv id. */
  const step = fc.array(
    fc.record({
      paper: fc.integer({ min: 0, max: seedRaw.length - 1 }),
      day: fc.integer({ min: 10, max: 22 }),
      rewrite: fc.boolean(),
      arxiv: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it('keeps the days and index of full ingests, and no similar list names a paper as it was', () => {
    let incremental = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const first = ingest(new Map(), null, seedRaw.slice(0, 40), NOW);
        let days: DayMap = first.days;
        let index = first.index;
        let bytes = encodeState(first.state);
        const similar = new Map(first.changedSimilar.map((f) => [f.date, f]));
        for (const input of steps) {
          const raw = input.map((c, i) => ({
            ...seedRaw[c.paper]!,
            date: `2025-09-${c.day}`,
            abstract: c.rewrite
              ? `${seedRaw[c.paper]!.abstract} Revised.`
              : seedRaw[c.paper]!.abstract,
            arxivId: c.arxiv ? `2509.${String(c.paper).padStart(5, '0')}` : undefined,
            line: i + 1,
          }));
          const reference = ingest(days, index, raw, NOW);
          const state = decodeState(bytes)!;
          const prepared = preparePapers(raw, NOW);
          const loaded = new Map(
            touchedDates(state, prepared.papers).map((d) => [d, days.get(d)!]),
          );
          const result = ingestIncremental(state, loaded, index, prepared, NOW);
          const done = 'fallback' in result ? reference : result;
          if (done === result) incremental++;
          expect(done.index).toEqual(reference.index);
          const byDate = (files: { date: string }[]) =>
            [...files].sort((a, b) => (a.date < b.date ? -1 : 1));
          expect(byDate(done.changed)).toEqual(byDate(reference.changed));
          expect(done.removedDays).toEqual(reference.removedDays);
          days = new Map([...days, ...done.days]);
          for (const date of done.removedDays) {
            days.delete(date);
            similar.delete(date);
          }
          for (const file of done.changedSimilar) similar.set(file.date, file);
          index = done.index;
          bytes = encodeState(done.state);
        }
        // Every similar list names papers as they are now: their day and title.
        const byId = new Map([...days.values()].flat().map((p) => [p.id, p]));
        expect([...similar.keys()].sort()).toEqual([...days.keys()].sort());
        for (const [date, papers] of days) {
          const file = similar.get(date)!;
          expect(Object.keys(file.similar).sort()).toEqual(papers.map((p) => p.id).sort());
          for (const [id, list] of Object.entries(file.similar))
            for (const ref of list) {
              const paper = byId.get(ref.id)!;
              expect(ref.id).not.toBe(id);
              expect({ date: ref.date, title: ref.title }).toEqual({
                date: paper.date,
                title: paper.title,
              });
            }
        }
      }),
      { seed: 20261126, numRuns: 40 },
    );
    // Most steps were incremental (the others added more than a tenth of the papers).
    expect(incremental).toBeGreaterThan(60);
  });
});
