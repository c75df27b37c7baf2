/**
 * "For you": any list (a day, week or month, a search, Saved, the first results of All days)
 * ordered by a model of the reader's saved papers, trained in a worker (src/lib/for-you.ts), with
 * the reason each paper ranks high. Fewer than three saved papers: the list stays newest first
 * and says what it needs.
 */
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ForYouPaper, ForYouReason } from '../../domain/for-you';
import { forYouReadiness } from '../../domain/for-you-readiness';
import type { ListItem } from '../../domain/feed';
import type { Paper } from '../../domain/schema';
import { fingerprint } from '../../domain/text';
import { useApp } from '../../store';
import type { FeedList } from './use-feed';

/** Papers ranked at most: an all-days search can find 20,000; the first screenfuls matter. */
export const FOR_YOU_CANDIDATES = 1000;
/** Saved papers learnt from at most (the newest saved). */
const MAX_POSITIVES = 300;
/** Other papers (not saved) learnt from at most, newest days first. */
const MAX_OTHERS = 3000;
/** Papers given a reason ("like 3 papers in …"). */
const EXPLAINED = 100;

export interface ForYouState {
  status: 'needs' | 'ranking' | 'ready' | 'error';
  message: string;
  reasons: Record<string, ForYouReason>;
}

export type RankedList = FeedList & { forYou?: ForYouState };

const text = (p: Paper): ForYouPaper => ({
  id: p.id,
  title: p.title,
  abstract: p.abstract,
  ...(p.authors ? { authors: p.authors } : {}),
});

const NO_REASONS: Record<string, ForYouReason> = {};

/** The list in the reader's order when its sort is "For you"; as it is otherwise. */
export function useForYouOrder(list: FeedList): RankedList {
  const active = list.sort === 'foryou';
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
  // The saved papers to learn from (one collection's, or all), newest saved first.
  const entries = useMemo(
    () =>
      active
        ? Object.entries(saved)
            .filter(([, e]) => !like || e.collections?.includes(like))
            .sort((a, b) => b[1].savedAt - a[1].savedAt)
            .slice(0, MAX_POSITIVES)
        : [],
    [active, saved, like],
  );
  const savedDates = useMemo(() => [...new Set(entries.map(([, e]) => e.date))], [entries]);
  useEffect(() => {
    if (active && savedDates.length) ensureDays(savedDates);
  }, [active, savedDates, ensureDays]);

  const request = useMemo(() => {
    if (!active) return null;
    const byId = new Map<string, Paper>();
    const loaded = Object.entries(days)
      .sort((a, b) => (a[0] < b[0] ? 1 : -1))
      .flatMap(([, d]) => (d.status === 'ready' ? d.raw : []));
    for (const p of loaded) byId.set(p.id, p);
    const positives = entries.flatMap(([id]) => {
      const p = byId.get(id);
      return p ? [text(p)] : [];
    });
    const savedIds = new Set(Object.keys(saved));
    const others = loaded
      .filter((p) => !savedIds.has(p.id))
      .slice(0, MAX_OTHERS)
      .map(text);
    const items = list.items.slice(0, FOR_YOU_CANDIDATES);
    const candidates = items.flatMap((item) => {
      const p = list.resolve(item);
      return p ? [text(p)] : [];
    });
    const key = fingerprint(
      JSON.stringify([positives.map((p) => p.id), others.length, candidates.map((p) => p.id)]),
    );
    return { key, positives, others, candidates };
  }, [active, days, entries, saved, list]);

  const positives = request?.positives.length ?? 0;
  const readiness = useMemo(() => forYouReadiness(positives, like || undefined), [positives, like]);
  useEffect(() => {
    if (!request || !readiness.ready || !request.candidates.length) return;
    void rankForYou(request.key, {
      positives: request.positives,
      others: request.others,
      candidates: request.candidates,
      explain: EXPLAINED,
    });
  }, [request, readiness.ready, rankForYou]);

  return useMemo((): RankedList => {
    if (!active || !request) return list;
    if (!readiness.ready)
      return {
        ...list,
        forYou: { status: 'needs', message: readiness.message, reasons: NO_REASONS },
      };
    if (error) return { ...list, forYou: { status: 'error', message: error, reasons: NO_REASONS } };
    if (result?.key !== request.key)
      return {
        ...list,
        forYou: {
          status: 'ranking',
          message: `Ranking by your ${request.positives.length} saved papers…`,
          reasons: NO_REASONS,
        },
      };
    // Scored papers by score (ties keep the list's order, newest first); the rest after them.
    const score = (item: ListItem) => result.scores[item.id] ?? -Infinity;
    const items = list.items
      .map((item, i) => ({ item, i }))
      .sort((a, b) => score(b.item) - score(a.item) || a.i - b.i)
      .map((x) => x.item);
    return {
      ...list,
      items,
      grouped: false,
      forYou: {
        status: 'ready',
        message: `Ranked by your ${request.positives.length} saved papers${like ? ` in “${like}”` : ''}${list.items.length > FOR_YOU_CANDIDATES ? `; the first ${FOR_YOU_CANDIDATES.toLocaleString('en-US')} of ${list.items.length.toLocaleString('en-US')} results` : ''}.`,
        reasons: result.reasons,
      },
    };
  }, [active, request, readiness, error, result, list, like]);
}

/** "Like 3 papers in “Sparse training”: A; B · pruning, sparse": why a paper ranks high. */
export function reasonText(reason: ForYouReason, like: string): string | null {
  const parts: string[] = [];
  if (reason.like.length)
    parts.push(
      `Like ${reason.like.length === 1 ? '1 paper' : `${reason.like.length} papers`} ${like ? `in “${like}”` : 'you saved'}: ${reason.like.map((l) => l.title).join('; ')}`,
    );
  if (reason.authors.length) parts.push(`by ${reason.authors.join(', ')}`);
  if (reason.words.length) parts.push(`words: ${reason.words.map((w) => w.term).join(', ')}`);
  return parts.length ? parts.join(' · ') : null;
}
