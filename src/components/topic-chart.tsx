/**
 * Papers per topic over the days of the selected range: a heat map in SVG (topics down, days
 * across), coloured with the theme's accent so it reads in light and dark, with the same
 * numbers in a table for screen readers and for anyone who prefers figures.
 */
import { memo, useId } from 'react';
import { shortDayNoYear } from '../domain/dates';
import type { DayEntry } from '../domain/schema';

type TopicSummary = { id: string; label: string };

export interface TopicChartProps {
  days: readonly DayEntry[];
  topics: readonly TopicSummary[];
}

const CELL = 14;
const GAP = 2;

const daysLabel = (n: number) => (n === 1 ? '1 day' : `${n} days`);

function TopicChart({ days, topics }: TopicChartProps) {
  const titleId = useId();
  const shown = topics.filter((t) => days.some((d) => (d.topics[t.id] ?? 0) > 0));
  if (!days.length || !shown.length) return null;
  const max = Math.max(1, ...days.flatMap((d) => shown.map((t) => d.topics[t.id] ?? 0)));
  const width = days.length * (CELL + GAP) - GAP;
  const total = (t: TopicSummary) => days.reduce((s, d) => s + (d.topics[t.id] ?? 0), 0);
  const busiest = [...shown].sort((a, b) => total(b) - total(a))[0]!;
  // Labels are HTML beside each row's strip of cells, so a long topic name wraps instead of
  // being cut at the edge of a drawing; the strips never grow past square cells.
  const strip = { maxWidth: `${width}px` };
  return (
    <section className="topic-chart" aria-labelledby={titleId}>
      <h2 id={titleId} className="filters-title">
        Topics over {days.length === 1 ? 'the day' : `${days.length} days`}
      </h2>
      <div
        className="chart"
        role="img"
        aria-label={`Papers per topic per day, ${shown.length} topics over ${daysLabel(days.length)}; most papers in ${busiest.label} (${total(busiest)}). The table below has the numbers.`}
      >
        {shown.map((t) => (
          <div key={t.id} className="chart-row">
            <span className="chart-label">{t.label}</span>
            <svg
              className="chart-strip"
              style={strip}
              viewBox={`0 0 ${width} ${CELL}`}
              preserveAspectRatio="none"
              aria-hidden="true"
            >
              {days.map((d, col) => {
                const n = d.topics[t.id] ?? 0;
                return (
                  <rect
                    key={d.date}
                    x={col * (CELL + GAP)}
                    width={CELL}
                    height={CELL}
                    rx={2}
                    className={n ? 'chart-cell' : 'chart-cell is-zero'}
                    fillOpacity={n ? 0.2 + (0.8 * n) / max : 1}
                  >
                    <title>{`${t.label}, ${shortDayNoYear(d.date)}: ${n}`}</title>
                  </rect>
                );
              })}
            </svg>
          </div>
        ))}
        <div className="chart-row">
          <span />
          <span className="chart-axis">
            <span>{shortDayNoYear(days[0]!.date)}</span>
            {days.length > 1 && <span>{shortDayNoYear(days.at(-1)!.date)}</span>}
          </span>
        </div>
      </div>
      <details className="chart-table">
        <summary>Show as a table</summary>
        <div className="chart-scroll">
          <table>
            <caption>Papers per topic per day</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                {days.map((d) => (
                  <th key={d.date} scope="col">
                    {shortDayNoYear(d.date)}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.label}</th>
                  {days.map((d) => (
                    <td key={d.date}>{d.topics[t.id] ?? 0}</td>
                  ))}
                  <td>{total(t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

// Re-renders only when its days or topics change, not on every keystroke of a search.
export default memo(TopicChart);
