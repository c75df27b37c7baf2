import { Suspense, lazy, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DayNav } from './day-nav';
import { rangeLabel, viewRange } from '../../domain/feed';
import { useApp } from '../../store';
import { ListView } from '../list/list-view';
import { useEffectiveDate, useFeedList } from '../list/use-feed';
import { useForYouOrder } from '../list/use-for-you';
import { selectTopics } from '../../store/selectors';
import { useOwnTopicCounts } from './own-topic-counts';

// The chart is not needed to start reading: it loads after the list.
const TopicChart = lazy(() => import('../../components/topic-chart'));
// "Since your last visit" has something to say only from a second visit on: it loads then.
const SinceLastVisit = lazy(() =>
  import('./since-last-visit').then((m) => ({ default: m.SinceLastVisit })),
);

/** The daily feed: a day, week or month (or all days), searched and filtered. */
export function FeedPage() {
  const date = useEffectiveDate();
  const list = useForYouOrder(useFeedList());
  const view = useApp((s) => s.view);
  const scope = useApp((s) => s.scope);
  const setScope = useApp((s) => s.setScope);
  const index = useApp((s) => s.index);
  const sinceLastVisit = useApp((s) => s.visits.lastSeenDay !== null);
  // On a phone the day picker and the views fold away with the filters, behind one button.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const chartDays = useMemo(() => {
    if (!index || !date) return [];
    if (scope === 'all') return index.days.slice(-60);
    const [from, to] = viewRange(date, view);
    return index.days.filter((d) => d.date >= from && d.date <= to);
  }, [index, date, view, scope]);
  const archive = useApp(
    useShallow((s) => ({ status: s.archiveStatus, progress: s.archiveProgress })),
  );
  const topics = useApp(selectTopics);
  const chartDaysWithOwn = useOwnTopicCounts(chartDays);
  if (!date)
    return (
      <div className="empty">
        <h1>No papers yet</h1>
        <p>
          The dataset has no days. Ingest a digest with “npm run ingest -- digest.txt --year 2025”,
          then reload.
        </p>
      </div>
    );
  return (
    <div className={`feed${filtersOpen ? ' filters-open' : ''}`}>
      <DayNav date={date} total={list.items.length} />
      {sinceLastVisit && (
        <Suspense fallback={null}>
          <SinceLastVisit />
        </Suspense>
      )}
      {scope === 'all' && archive.status === 'loading' && (
        <p className="progress" role="status">
          Indexing all days… {archive.progress.loaded} of {archive.progress.total} days
        </p>
      )}
      <ListView
        list={list}
        where={scope === 'all' ? 'any day' : rangeLabel(date, view)}
        onSearchAllDays={() => setScope('all')}
        filtersOpen={filtersOpen}
        onFiltersOpenChange={setFiltersOpen}
        sidebar={
          chartDays.length > 0 &&
          index && (
            <Suspense fallback={null}>
              <TopicChart days={chartDaysWithOwn} topics={topics} />
            </Suspense>
          )
        }
      />
    </div>
  );
}
