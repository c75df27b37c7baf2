/**
 * "For you": any list (a day, week or month, a search, Saved, the first results of All days)
 * ordered by a model of the reader's saved papers, trained in a worker (src/lib/for-you.ts), with
 * the reason each paper ranks high. Fewer than three saved papers: the list stays newest first
 * and says what it needs.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ForYouReason } from '../../domain/for-you';
import { useApp } from '../../store';
import type { FeedList } from './use-feed';

export interface ForYouState {
  status: 'needs' | 'ranking' | 'ready' | 'error';
  message: string;
  reasons: Record<string, ForYouReason>;
  /** Why a paper ranks high, in words (see for-you-order.ts), once ranked. */
  describe?: (reason: ForYouReason, like: string) => string | null;
}

export type RankedList = FeedList & { forYou?: ForYouState };

type Order = typeof import('./for-you-order');
// The ordering code, once loaded (the first list sorted "For you" loads it).
let order: Order | null = null;
let loading: Promise<Order> | null = null;
const loadOrder = () => (loading ??= import('./for-you-order').then((m) => (order = m)));

/** The list in the reader's order when its sort is "For you"; as it is otherwise. */
export function useForYouOrder(list: FeedList): RankedList {
  const active = list.sort === 'foryou';
  const [loaded, setLoaded] = useState<Order | null>(order);
  useEffect(() => {
    if (active && !loaded) void loadOrder().then(setLoaded);
  }, [active, loaded]);
  const mod = active ? loaded : null;
  const { saved, days, like, ensureDays, rankForYou, result, error } = useApp(
    useShallow((s) => ({
      saved: s.saved,
      days: s.days,
      like: s.query.like,
      ensureDays: s.ensureDays,
      rankForYou: s.rankForYou,
      result: s.forYou,
      error: s.forYouError,
    })),
  );
  const entries = useMemo(() => (mod ? mod.savedEntries(saved, like) : []), [mod, saved, like]);
  const savedDates = useMemo(() => [...new Set(entries.map(([, e]) => e.date))], [entries]);
  useEffect(() => {
    if (savedDates.length) ensureDays(savedDates);
  }, [savedDates, ensureDays]);

  const request = useMemo(
    () => (mod ? mod.forYouRequest(days, entries, saved, list) : null),
    [mod, days, entries, saved, list],
  );
  useEffect(() => {
    if (!mod || !request || !mod.readiness(request, like).ready || !request.candidates.length)
      return;
    void rankForYou(request.key, {
      positives: request.positives,
      others: request.others,
      candidates: request.candidates,
      explain: mod.EXPLAINED,
    });
  }, [mod, request, like, rankForYou]);

  return useMemo((): RankedList => {
    if (!active) return list;
    if (!mod || !request)
      return {
        ...list,
        forYou: { status: 'ranking', message: 'Loading For you…', reasons: {} },
      };
    return mod.rankedList(list, request, like, error, result);
  }, [active, mod, request, like, error, result, list]);
}
