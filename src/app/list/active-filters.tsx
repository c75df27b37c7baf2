import { useShallow } from 'zustand/react/shallow';
import { activeFilterCount } from '../../domain/feed';
import { useTopicLabel } from '../../components/topic-labels';
import { useApp } from '../../store';

/**
 * The filters that are on, as chips above the list: each removes its filter, and Clear all
 * removes them all. The sidebar's highlighted buttons are easy to miss, and on a phone they are
 * folded away; these are where the reader looks.
 */
export function ActiveFilters() {
  const topicLabel = useTopicLabel();
  const { query, toggleTopic, setTopicMode, setFlag, clearFilters } = useApp(
    useShallow((s) => ({
      query: s.query,
      toggleTopic: s.toggleTopic,
      setTopicMode: s.setTopicMode,
      setFlag: s.setFlag,
      clearFilters: s.clearFilters,
    })),
  );
  if (activeFilterCount(query) === 0) return null;
  const chips: { key: string; label: string; remove: () => void }[] = [
    ...query.topics.map((t) => ({
      key: `topic:${t}`,
      label: topicLabel(t),
      remove: () => toggleTopic(t),
    })),
    ...(query.topicMode === 'all' && query.topics.length > 1
      ? [{ key: 'all', label: 'All selected topics', remove: () => setTopicMode('any') }]
      : []),
    ...(query.hasCode
      ? [{ key: 'code', label: 'Has code', remove: () => setFlag('hasCode', false) }]
      : []),
    ...(query.hideRead
      ? [{ key: 'unread', label: 'Hide read', remove: () => setFlag('hideRead', false) }]
      : []),
    ...(query.onlyNew
      ? [{ key: 'new', label: 'New since last visit', remove: () => setFlag('onlyNew', false) }]
      : []),
  ];
  return (
    <div className="active-filters" role="group" aria-label="Active filters">
      {chips.map((chip) => (
        <button
          key={chip.key}
          type="button"
          className="chip chip-remove"
          aria-label={`Remove filter: ${chip.label}`}
          title={`Remove filter: ${chip.label}`}
          onClick={chip.remove}
        >
          {chip.label}
        </button>
      ))}
      <button type="button" className="text-button" onClick={clearFilters}>
        Clear all
      </button>
    </div>
  );
}
