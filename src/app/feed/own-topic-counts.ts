import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DayEntry } from '../../domain/schema';
import { countTopics } from '../../domain/topic-rules';
import { useApp } from '../../store';

const NONE: string[] = [];
const NO_STATES: never[] = [];

/**
 * The index's per-day topic counts with the reader's own topics added: counted in the days that
 * are loaded, or taken from the all-days archive when it has answered. The index knows only the
 * built-in and site topics; the reader's own exist only in this browser.
 */
export function useOwnTopicCounts<D extends DayEntry>(days: readonly D[]): readonly D[] {
  const ids = useApp(useShallow((s) => (s.ownTopics.length ? s.ownTopics.map((t) => t.id) : NONE)));
  // Without own topics nothing here is read: a chart of every day otherwise compared 580 day
  // states, and re-rendered for each all-days result, at every keystroke.
  const own = ids.length > 0;
  const states = useApp(useShallow((s) => (own ? days.map((d) => s.days[d.date]) : NO_STATES)));
  const fromArchive = useApp((s) => (own ? s.archiveResult?.ownDayCounts : undefined));
  return useMemo(() => {
    if (!ids.length) return days;
    return days.map((d, i) => {
      const state = states[i];
      const own =
        state?.status === 'ready' ? countTopics(state.papers, ids) : (fromArchive?.[d.date] ?? {});
      return { ...d, topics: { ...d.topics, ...own } };
    });
  }, [days, ids, states, fromArchive]);
}
