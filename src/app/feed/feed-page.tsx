import { Suspense, lazy, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DayNav } from './day-nav';
import { FilterSidebar } from '../list/filter-sidebar';
import { rangeLabel, viewRange } from '../../domain/feed';
import { useApp } from '../../store';
import { ListView } from '../list/list-view';
import { useEffectiveDate, useFeedList } from '../list/use-feed';
import { SinceLastVisit } from './since-last-visit';

// The chart is not needed to start reading: it loads after the list.
const TopicChart = lazy(() => import('../../components/topic-chart'));

/** The daily feed: a day, week or month (or all days), searched and filtered. */
export function FeedPage() {
  const date = useEffectiveDate();
  const list = useFeedList();
  const view = useApp((s) => s.view);
  const scope = useApp((s) => s.scope);
  const setScope = useApp((s) => s.setScope);
  const index = useApp((s) => s.index);
  const chartDays = useMemo(() => {
    if (!index || !date) return [];
    if (scope === 'all') return index.days.slice(-60);
    const [from, to] = viewRange(date, view);
    return index.days.filter((d) => d.date >= from && d.date <= to);
  }, [index, date, view, scope]);
  const archive = useApp(
    useShallow((s) => ({ status: s.archiveStatus, progress: s.archiveProgress })),
  );
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
    <div className="feed">
      <DayNav date={date} total={list.items.length} />
      <SinceLastVisit />
      {scope === 'all' && archive.status === 'loading' && (
        <p className="progress" role="status">
          Indexing all days… {archive.progress.loaded} of {archive.progress.total} days
        </p>
      )}
      <div className="feed-body">
        <FilterSidebar topicCounts={list.topicCounts} codeCount={list.codeCount}>
          {chartDays.length > 0 && index && (
            <Suspense fallback={null}>
              <TopicChart days={chartDays} topics={index.topics} />
            </Suspense>
          )}
        </FilterSidebar>
        <ListView
          list={list}
          where={scope === 'all' ? 'any day' : rangeLabel(date, view)}
          onSearchAllDays={() => setScope('all')}
        />
      </div>
    </div>
  );
}
