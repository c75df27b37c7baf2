import { isoDay, longDay, parseDay } from '../../src/domain/dates';

describe('day dates', () => {
  it('reads YYYY-MM-DD as that local day and writes it back', () => {
    const d = parseDay('2025-09-19');
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2025, 8, 19, 0]);
    expect(isoDay(d)).toBe('2025-09-19');
    expect(longDay('2024-02-29')).toBe('Thursday, February 29, 2024');
  });

  it('round-trips every day of a leap year and across year ends', () => {
    const start = new Date(2023, 11, 25);
    for (let i = 0; i < 400; i++) {
      const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i);
      expect(parseDay(isoDay(day)).getTime()).toBe(day.getTime());
    }
  });

  it('gives an invalid date for what is not a real day', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-9-19', 'yesterday', '']) {
      expect(Number.isNaN(parseDay(bad).getTime())).toBe(true);
    }
  });
});
