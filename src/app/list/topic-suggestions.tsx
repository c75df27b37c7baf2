/**
 * "Filter by Sparsity & pruning" under a search that names a topic (one the results have). Topic labels are short
 * strings, where fuse.js's fuzzy matching is the right tool (and cheap); it loads with the first
 * search, not with the first screen.
 */
import type Fuse from 'fuse.js';
import { useEffect, useMemo, useState } from 'react';
import { TOPIC_META, type TopicMeta } from '../../domain/topic-meta';
import { useApp } from '../../store';
import { parseQuery } from '../../domain/tokenize';

let fuse: Fuse<TopicMeta> | null = null;
let loading: Promise<Fuse<TopicMeta>> | null = null;
const loadFuse = () =>
  (loading ??= import('fuse.js').then(
    ({ default: FuseClass }) =>
      (fuse = new FuseClass([...TOPIC_META], {
        keys: ['label', 'id'],
        threshold: 0.35,
        ignoreLocation: true,
      })),
  ));

/** Topics whose label matches the query or one of its words, best first. */
export function suggestTopics(
  index: Fuse<TopicMeta>,
  query: string,
  exclude: readonly string[],
): TopicMeta[] {
  const q = query.trim();
  if (q.length < 3) return [];
  const words = q.split(/\s+/).filter((w) => w.length >= 3);
  const scored = new Map<string, { topic: TopicMeta; score: number }>();
  for (const term of [q, ...words])
    for (const r of index.search(term)) {
      const score = r.score ?? 1;
      const seen = scored.get(r.item.id);
      if (!seen || score < seen.score) scored.set(r.item.id, { topic: r.item, score });
    }
  return [...scored.values()]
    .filter((s) => !exclude.includes(s.topic.id))
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((s) => s.topic);
}

/**
 * Suggestions under the search box. Only topics that some of the papers found have are offered:
 * filtering a result to a topic none of them has would only empty it.
 */
export function TopicSuggestions({ counts }: { counts: Record<string, number> }) {
  // Words left out (`-word`) name no topic to filter by.
  const q = parseQuery(useApp((s) => s.query.q)).text;
  const selected = useApp((s) => s.query.topics);
  const toggleTopic = useApp((s) => s.toggleTopic);
  const [ready, setReady] = useState(fuse !== null);
  useEffect(() => {
    if (q.trim().length >= 3 && !fuse) void loadFuse().then(() => setReady(true));
  }, [q]);
  // Matched once per search, not on every render (a new result renders this again).
  const suggested = useMemo(
    () => (ready && fuse ? suggestTopics(fuse, q, selected) : []),
    [ready, q, selected],
  );
  const topics = suggested.filter((t) => (counts[t.id] ?? 0) > 0);
  if (!topics.length) return null;
  return (
    <p className="suggestions">
      <span className="muted">Topics:</span>
      {topics.map((t) => (
        <button
          key={t.id}
          type="button"
          className="chip chip-button"
          onClick={() => toggleTopic(t.id)}
        >
          Filter by {t.label}
        </button>
      ))}
    </p>
  );
}
