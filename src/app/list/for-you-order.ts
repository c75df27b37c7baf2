/**
 * The work behind "For you" (see use-for-you.ts), loaded the first time a list is sorted that
 * way: which saved papers to learn from, the request to the ranker, and the list in its order.
 */
import type { ForYouPaper, ForYouReason } from '../../domain/for-you';
import { forYouReadiness } from '../../domain/for-you-readiness';
import type { ListItem } from '../../domain/feed';
import type { Paper } from '../../domain/schema';
import { fingerprint } from '../../domain/text';
import type { AppState } from '../../store/types';
import type { FeedList } from './use-feed';
import type { RankedList } from './use-for-you';

/** Papers ranked at most: an all-days search can find 20,000; the first screenfuls matter. */
export const FOR_YOU_CANDIDATES = 1000;
/** Saved papers learnt from at most (the newest saved). */
const MAX_POSITIVES = 300;
/** Other papers (not saved) learnt from at most, newest days first. */
const MAX_OTHERS = 3000;
/** Papers given a reason ("like 3 papers in …"). */
export const EXPLAINED = 100;

type SavedEntry = [string, AppState['saved'][string]];

const text = (p: Paper): ForYouPaper => ({
  id: p.id,
  title: p.title,
  abstract: p.abstract,
  ...(p.authors ? { authors: p.authors } : {}),
});

const NO_REASONS: Record<string, ForYouReason> = {};

/** The saved papers to learn from (one collection's, or all), newest saved first. */
export function savedEntries(saved: AppState['saved'], like: string): SavedEntry[] {
  return Object.entries(saved)
    .filter(([, e]) => !like || e.collections?.includes(like))
    .sort((a, b) => b[1].savedAt - a[1].savedAt)
    .slice(0, MAX_POSITIVES);
}

export interface ForYouRequest {
  key: string;
  positives: ForYouPaper[];
  others: ForYouPaper[];
  candidates: ForYouPaper[];
}

/** What the ranker is asked: the saved papers loaded, other loaded papers, and the list's first. */
export function forYouRequest(
  days: AppState['days'],
  entries: SavedEntry[],
  saved: AppState['saved'],
  list: FeedList,
): ForYouRequest {
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
  const candidates = list.items.slice(0, FOR_YOU_CANDIDATES).flatMap((item) => {
    const p = list.resolve(item);
    return p ? [text(p)] : [];
  });
  const key = fingerprint(
    JSON.stringify([positives.map((p) => p.id), others.length, candidates.map((p) => p.id)]),
  );
  return { key, positives, others, candidates };
}

export const readiness = (request: ForYouRequest, like: string) =>
  forYouReadiness(request.positives.length, like || undefined);

/** The list as "For you" shows it now: what it needs, ranking, an error, or in its order. */
export function rankedList(
  list: FeedList,
  request: ForYouRequest,
  like: string,
  error: string | null | undefined,
  result: AppState['forYou'],
): RankedList {
  const ready = readiness(request, like);
  if (!ready.ready)
    return { ...list, forYou: { status: 'needs', message: ready.message, reasons: NO_REASONS } };
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
      describe: reasonText,
    },
  };
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
