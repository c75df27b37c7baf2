import { useId, useState, type ReactNode } from 'react';
import { activeFilterCount } from '../../domain/feed';
import { useApp } from '../../store';
import { FilterBar } from './filter-bar';

/**
 * The topic filters beside a list. On narrow screens they fold behind a "Topics & filters"
 * button (which counts the filters that are on) so the papers come first. Goes first in a
 * `.feed-body` grid; `children` follow the filters (the topic chart).
 */
export function FilterSidebar({
  topicCounts,
  codeCount,
  children,
}: {
  topicCounts: Record<string, number>;
  codeCount: number;
  children?: ReactNode;
}) {
  const active = useApp((s) => activeFilterCount(s.query));
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="button filters-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        Topics &amp; filters
        {active > 0 && <span className="count"> · {active} on</span>}
      </button>
      <aside id={id} className={`sidebar${open ? ' is-open' : ''}`}>
        <FilterBar topicCounts={topicCounts} codeCount={codeCount} />
        {children}
      </aside>
    </>
  );
}
