import { dict, own } from '../domain/records';
import { loadDay, loadIndex, loadSimilar } from '../lib/data';
import { applyTopicRules, compileRules } from '../domain/topic-rules';
import type { Paper } from '../domain/schema';
import type { DatasetSlice, Slice } from './types';

export const createDatasetSlice: Slice<DatasetSlice> = (deps) => (set, get) => {
  const tag = (raw: Paper[]) => {
    const rules = get().ownTopics;
    return rules.length ? applyTopicRules(raw, compileRules(rules)) : raw;
  };
  return {
    index: null,
    indexStatus: 'idle',
    indexError: null,
    days: {},
    similar: dict(),

    ensureSimilar: (date) => {
      if (own(get().similar, date)) return;
      set((s) => ({ similar: dict({ ...s.similar, [date]: { status: 'loading' } }) }));
      void loadSimilar(date, deps.fetcher).then((lists) =>
        set((s) => ({
          similar: dict({
            ...s.similar,
            [date]: { status: 'ready', lists: lists ?? dict() },
          }),
        })),
      );
    },

    loadIndex: async () => {
      if (get().indexStatus === 'loading') return;
      set({ indexStatus: 'loading', indexError: null });
      const result = await loadIndex(deps.fetcher);
      if (!result.ok) return set({ indexStatus: 'error', indexError: result.error });
      set({ index: result.value, indexStatus: 'ready' });
      // A link may name site topics this build does not have, or someone else's own topics.
      const known = (t: string) =>
        result.value.topics.some((x) => x.id === t) || get().ownTopics.some((x) => x.id === t);
      const unknown = get().query.topics.filter((t) => !known(t));
      if (unknown.length) {
        get().setTopics(get().query.topics.filter(known));
        set({ historyMode: 'replace' });
        get().addNotice(
          'info',
          `This Paperboy has no topic ${unknown.map((t) => `“${t}”`).join(', ')}: the link's other filters are shown. A topic of someone's own is kept in their browser only.`,
        );
      }
      const newest = result.value.days.at(-1)?.date;
      if (!newest) return;
      // A deep link to a day without papers shows the newest day: the URL says so too.
      const asked = get().date;
      if (asked && !result.value.days.some((d) => d.date === asked)) {
        set({ date: null, historyMode: 'replace' });
        get().addNotice('info', `There are no papers for ${asked}; showing the newest day.`);
      }
      get().recordVisit(newest, deps.now());
      // The feed opens on the newest day, and the page preloads it: take it now even when a deep
      // link opened another view, so the preload is used and going back to the feed is instant.
      get().ensureDays([newest]);
    },

    ensureDays: (dates) => {
      const wanted = dates.filter((d) => !get().days[d]);
      if (!wanted.length) return;
      set((s) => ({
        days: {
          ...s.days,
          ...Object.fromEntries(wanted.map((d) => [d, { status: 'loading' as const }])),
        },
      }));
      for (const date of wanted)
        void loadDay(date, deps.fetcher).then((result) => {
          set((s) => ({
            days: {
              ...s.days,
              [date]: result.ok
                ? { status: 'ready', papers: tag(result.value.papers), raw: result.value.papers }
                : { status: 'error', error: result.error },
            },
          }));
          if (result.ok) for (const warning of result.warnings) get().addNotice('warning', warning);
        });
    },

    retagDays: () =>
      set((s) => ({
        days: Object.fromEntries(
          Object.entries(s.days).map(([date, day]) => [
            date,
            day.status === 'ready' ? { ...day, papers: tag(day.raw) } : day,
          ]),
        ),
      })),
  };
};
