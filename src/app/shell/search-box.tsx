import { useRef } from 'react';
import { useApp } from '../../store';
import { SearchIcon } from '../../components/icons';

/** The one search box. `/` focuses it from anywhere; Escape clears it, then leaves it. */
export function SearchBox() {
  const q = useApp((s) => s.query.q);
  const setQueryText = useApp((s) => s.setQueryText);
  const preloadArchive = useApp((s) => s.preloadArchive);
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
      <SearchIcon />
      <input
        ref={inputRef}
        id="search"
        type="search"
        aria-label="Search papers"
        placeholder="Search titles, abstracts, authors"
        autoComplete="off"
        spellCheck={false}
        maxLength={500}
        value={q}
        onFocus={preloadArchive}
        onChange={(e) => setQueryText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            if (q) setQueryText('');
            else inputRef.current?.blur();
            e.preventDefault();
          }
        }}
      />
      <kbd className="search-hint" aria-hidden="true" title="Press / to search">
        /
      </kbd>
    </form>
  );
}
