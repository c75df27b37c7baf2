import { monthYear, parseDay, shortDay, shortDayNoYear } from '../../domain/dates';
import { useMemo } from 'react';
import { VIEWS, rangeLabel, stepDate, type View } from '../../domain/feed';
import { useApp } from '../../store';
import { ChevronLeft, ChevronRight } from '../../components/icons';

const VIEW_LABELS: Record<View, string> = { day: 'Day', week: 'Week', month: 'Month' };
const STEP_NAMES: Record<View, string> = { day: 'day', week: 'week', month: 'month' };

/** The range header: previous/next (skipping empty days), a picker of existing days, views and scope. */
export function DayNav({ date, total }: { date: string; total: number }) {
  const index = useApp((s) => s.index);
  const view = useApp((s) => s.view);
  const scope = useApp((s) => s.scope);
  const setDate = useApp((s) => s.setDate);
  const setView = useApp((s) => s.setView);
  const setScope = useApp((s) => s.setScope);
  const preloadArchive = useApp((s) => s.preloadArchive);
  const days = useMemo(() => index?.days.map((d) => d.date) ?? [], [index]);
  const byMonth = useMemo(() => {
    const groups = new Map<string, { date: string; label: string }[]>();
    for (const d of [...(index?.days ?? [])].reverse()) {
      const month = monthYear(parseDay(d.date));
      const list = groups.get(month) ?? [];
      list.push({ date: d.date, label: `${shortDayNoYear(d.date)} (${d.count})` });
      groups.set(month, list);
    }
    return [...groups];
  }, [index]);
  const prev = stepDate(days, date, view, -1);
  const next = stepDate(days, date, view, 1);
  const all = scope === 'all';
  return (
    <nav className="day-nav" aria-label="Days">
      <div className="day-nav-main">
        <button
          type="button"
          className="icon-button"
          disabled={all || !prev}
          onClick={() => prev && setDate(prev)}
          aria-label={`Previous ${STEP_NAMES[view]}`}
          title="Previous ( [ )"
        >
          <ChevronLeft />
        </button>
        <h1 className="range-title">
          {all ? 'All days' : rangeLabel(date, view)}
          {all && (
            <span className="range-sub">
              {' '}
              · {days.length} {days.length === 1 ? 'day' : 'days'}
            </span>
          )}
        </h1>
        <button
          type="button"
          className="icon-button"
          disabled={all || !next}
          onClick={() => next && setDate(next)}
          aria-label={`Next ${STEP_NAMES[view]}`}
          title="Next ( ] )"
        >
          <ChevronRight />
        </button>
      </div>
      <div className="day-nav-tools">
        <label className="field">
          <span className="go-label">Go to day</span>
          <select value={date} onChange={(e) => setDate(e.target.value)} disabled={all}>
            {byMonth.map(([month, list]) => (
              <optgroup key={month} label={month}>
                {list.map((d) => (
                  <option key={d.date} value={d.date}>
                    {d.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <div className="segmented" role="group" aria-label="View">
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={!all && view === v}
              onClick={() => (setScope('range'), setView(v))}
            >
              {VIEW_LABELS[v]}
            </button>
          ))}
          <button
            type="button"
            aria-pressed={all}
            // The pointer or focus on its way: open the split index now (see preloadArchive).
            onPointerEnter={preloadArchive}
            onPointerDown={preloadArchive}
            onFocus={preloadArchive}
            onClick={() => setScope(all ? 'range' : 'all')}
          >
            All days
          </button>
        </div>
        <span className="visually-hidden">{total} papers in view</span>
      </div>
      {days.length === 1 && <OneDayHint date={days[0]!} />}
    </nav>
  );
}

/**
 * With one day in the dataset, Week, Month, All days and previous/next cannot show more: say
 * so, and how to bring more days in.
 */
function OneDayHint({ date }: { date: string }) {
  // One line until asked: the how-to would push the papers down on every visit.
  return (
    <div className="day-nav-hint" role="note">
      <details>
        <summary>
          This dataset holds one day ({shortDay(date)}), so Week, Month, All days and the
          previous/next arrows have nothing more to show.
        </summary>
        To add days, run <code>npm run fetch -- hf</code> (today&rsquo;s Hugging Face daily papers),{' '}
        <code>npm run fetch -- arxiv cs.LG</code> (today&rsquo;s arXiv listing) or{' '}
        <code>npm run update</code> (every day missing), then reload.
      </details>
    </div>
  );
}
