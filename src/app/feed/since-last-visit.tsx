import { differenceInCalendarDays } from 'date-fns';
import { shortMonthDay, weekday } from '../../domain/dates';
import { useEffect, useMemo, useState } from 'react';
import { isOwnTopicId } from '../../domain/topic-rules';
import { byFollowedAuthor } from '../../domain/visits';
import { useOwnTopicCounts } from './own-topic-counts';
import { useShallow } from 'zustand/react/shallow';
import { useTopicLabel } from '../../components/topic-labels';
import { useApp } from '../../store';

/** "Since Tuesday" for a visit this week, "since Sep 12" before. */
export function sinceLabel(at: number, now: number): string {
  const days = differenceInCalendarDays(now, at);
  if (days <= 0) return 'since earlier today';
  if (days === 1) return 'since yesterday';
  return days < 7 ? `since ${weekday(at)}` : `since ${shortMonthDay(at)}`;
}

/** New papers per followed topic on days the reader had not seen at their last visit. */
export function newCounts(
  days: { date: string; count: number; topics: Record<string, number> }[],
  since: string,
  followed: readonly string[],
) {
  const after = days.filter((d) => d.date > since);
  const total = after.reduce((s, d) => s + d.count, 0);
  const perTopic = followed.map((t) => ({
    topic: t,
    count: after.reduce((s, d) => s + (d.topics[t] ?? 0), 0),
  }));
  return { total, perTopic };
}

/** The feed header's "7 new in Sparsity since Tuesday", with a button to show just those. */
export function SinceLastVisit() {
  const topicLabel = useTopicLabel();
  const { index, visits, followed, authors, onlyNew, setFlag, setScope } = useApp(
    useShallow((s) => ({
      index: s.index,
      visits: s.visits,
      followed: s.followed,
      authors: s.followedAuthors,
      onlyNew: s.query.onlyNew,
      setFlag: s.setFlag,
      setScope: s.setScope,
    })),
  );
  const [now] = useState(Date.now);
  // Counts of the reader's own topics and of followed authors come from the new days themselves:
  // load them when one is followed (at most two weeks of them).
  const ownFollowed = followed.some(isOwnTopicId) || authors.length > 0;
  const newDays = useMemo(
    () =>
      index && visits.lastSeenDay && ownFollowed
        ? index.days.filter((d) => d.date > visits.lastSeenDay!).slice(-14)
        : [],
    [index, visits.lastSeenDay, ownFollowed],
  );
  const ensureDays = useApp((s) => s.ensureDays);
  useEffect(() => {
    if (newDays.length) ensureDays(newDays.map((d) => d.date));
  }, [newDays, ensureDays]);
  const withOwn = useOwnTopicCounts(newDays);
  const loadedNew = useApp(
    useShallow((s) =>
      newDays.map((d) => {
        const day = s.days[d.date];
        return day?.status === 'ready' ? day.papers : null;
      }),
    ),
  );
  const perAuthor = useMemo(
    () =>
      authors.map((a) => ({
        author: a,
        count: loadedNew.reduce(
          (n, papers) => n + (papers ?? []).filter((p) => byFollowedAuthor(p, [a])).length,
          0,
        ),
      })),
    [authors, loadedNew],
  );
  if (!index || !visits.lastSeenDay || visits.lastVisitAt === null) return null;
  const { total, perTopic } = newCounts(
    ownFollowed ? [...index.days.filter((d) => !newDays.includes(d)), ...withOwn] : index.days,
    visits.lastSeenDay,
    followed,
  );
  const since = sinceLabel(visits.lastVisitAt, now);
  const following = followed.length + authors.length > 0;
  const parts = following
    ? [
        ...perTopic
          .filter((p) => p.count > 0)
          .map((p) => `${p.count} new in ${topicLabel(p.topic)}`),
        ...perAuthor.filter((p) => p.count > 0).map((p) => `${p.count} new by ${p.author}`),
      ]
    : total
      ? [`${total} new ${total === 1 ? 'paper' : 'papers'}`]
      : [];
  return (
    <div className="since" role="status">
      <p>
        {parts.length
          ? `${parts.join(', ')} ${since}`
          : `Nothing new${following ? ' in the topics and authors you follow' : ''} ${since}`}
        .
      </p>
      {parts.length > 0 && (
        <button
          type="button"
          className="button"
          aria-pressed={onlyNew}
          onClick={() => {
            if (!onlyNew) setScope('all');
            setFlag('onlyNew', !onlyNew);
          }}
        >
          Show only new
        </button>
      )}
    </div>
  );
}
