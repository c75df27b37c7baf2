import { describe, expect, it } from 'vitest';
import { buildIndex, buildPaper, ingest, mergePapers, type DayMap } from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import { parseInput } from '../../src/domain/formats/detect';
import { validateDayFile, validateIndex, validatePaper } from '../../src/domain/schema';
import { restorePersonal } from '../../src/store/personal';
import { readFixture, seedText } from '../helpers';

const NOW = '2025-09-20T08:00:00.000Z';
const seedRaw = parseDigest(seedText(), { year: 2025 });

describe('ingest', () => {
  const first = ingest(new Map(), null, seedRaw, NOW);

  it('turns the seed digest into one valid day of 63 papers with an index', () => {
    expect(first.changed).toHaveLength(1);
    expect(validateDayFile(first.changed[0]).ok).toBe(true);
    expect(validateIndex(first.index).ok).toBe(true);
    expect(first.index.days).toEqual([expect.objectContaining({ date: '2025-09-19', count: 63 })]);
    expect(first.index.paperCount).toBe(63);
    expect(first.index.topics.find((t) => t.id === 'sparsity')!.count).toBe(
      first.changed[0]!.papers.filter((p) => p.topics.includes('sparsity')).length,
    );
  });

  it('keeps the raw abstract when math was cleaned, and only then', () => {
    const papers = first.changed[0]!.papers;
    const radio = papers.find((p) => p.title.startsWith('RadioDiff-3D'))!;
    expect(radio.title).toContain('3D×3D');
    expect(radio.abstractRaw).toContain('37times3');
    expect(radio.abstract).toContain('37×3');
    const plain = papers.find((p) => p.title.startsWith('EgoPoser'))!;
    expect(plain.abstractRaw).toBeUndefined();
  });

  it('gives every paper five similar papers from other ids, best first, in a file apart', () => {
    const [file] = first.changedSimilar;
    expect(file!.date).toBe('2025-09-19');
    for (const paper of first.changed[0]!.papers) {
      expect(paper.similar).toBeUndefined();
      const similar = file!.similar[paper.id]!;
      expect(similar).toHaveLength(5);
      expect(similar.map((s) => s.id)).not.toContain(paper.id);
      const scores = similar.map((s) => s.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    const medida = first.changed[0]!.papers.find((p) =>
      p.title.startsWith('Interpretable structural model error'),
    )!;
    expect(file!.similar[medida.id]![0]!.title).toMatch(
      /^Discovery of interpretable structural model errors/,
    );
  });

  it('changes nothing when the same digest is ingested again', () => {
    const again = ingest(first.days, first.index, seedRaw, '2030-01-01T00:00:00.000Z');
    expect(again.changed).toEqual([]);
    expect(again.index).toEqual(first.index);
    expect(again.report).toMatchObject({ added: 0, updated: 0, unchanged: 63 });
  });

  it('adds a second day to the index and does not duplicate a paper seen before', () => {
    const repeat = seedRaw[0]!;
    const raw = [
      ...parseInput(readFixture('two-days.jsonl')).papers,
      { ...repeat, date: '2025-09-21', line: 9 },
    ];
    const second = ingest(first.days, first.index, raw, NOW);
    expect(second.index.days.map((d) => [d.date, d.count])).toEqual([
      ['2025-09-18', 1],
      ['2025-09-19', 64],
    ]);
    expect(second.report).toMatchObject({ added: 2, known: 1 });
    const ids = [...second.days.values()].flat().map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(second.index.generatedAt).toBe(NOW);
  });

  it('moves a paper to the earlier day when the input saw it earlier', () => {
    const earlier = { ...seedRaw[1]!, date: '2025-09-01' };
    const result = ingest(first.days, first.index, [earlier], NOW);
    expect(result.report.moved).toBe(1);
    expect(result.days.get('2025-09-01')!.map((p) => p.title)).toEqual([seedRaw[1]!.title]);
    expect(result.days.get('2025-09-19')).toHaveLength(62);
  });
});

describe('mergePapers', () => {
  it('does not change the map it is given', () => {
    const existing: DayMap = new Map([['2025-09-19', seedRaw.slice(0, 2).map(buildPaper)]]);
    const before = JSON.stringify([...existing]);
    mergePapers(existing, [buildPaper({ ...seedRaw[5]!, date: '2025-09-19' })]);
    expect(JSON.stringify([...existing])).toBe(before);
  });

  it('keeps generatedAt when nothing changed and moves it when something did', () => {
    const days: DayMap = new Map([['2025-09-19', seedRaw.slice(0, 2).map(buildPaper)]]);
    const a = buildIndex(days, 'then');
    expect(buildIndex(days, 'now', a).generatedAt).toBe('then');
    days.set('2025-09-20', [buildPaper({ ...seedRaw[3]!, date: '2025-09-20' })]);
    expect(buildIndex(days, 'now', a).generatedAt).toBe('now');
  });
});

describe('one ISO-date schema', () => {
  it('refuses a date that is no real day, in a paper and in stored state alike', () => {
    const paper = buildPaper({ title: 'T', abstract: 'A.', date: '2025-09-19', line: 1 });
    expect(validatePaper(paper).ok).toBe(true);
    const bad = validatePaper({ ...paper, date: '2025-02-31' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toEqual(['date: expected a real day as YYYY-MM-DD']);
    const restored = restorePersonal(
      { read: { a: { date: '2025-02-31', at: 1 }, b: { date: '2025-02-28', at: 1 } } },
      1,
    );
    expect(Object.keys(restored.state.read)).toEqual(['b']);
  });
});
