import { useApp } from '../../store';
import { ExportImport } from './export-import';
import { CollectionBar } from './collections';
import { ListView } from '../list/list-view';
import { useSavedList } from './use-saved-list';
import { useForYouOrder } from '../list/use-for-you';

/** Saved papers, newest saved first, searchable and filterable like the feed. */
export function SavedPage() {
  const toggleSaved = useApp((s) => s.toggleSaved);
  const saved = useSavedList();
  const { papers, missing, entries } = saved;
  const list = useForYouOrder(saved.list);
  return (
    <div className="feed">
      <div className="day-nav">
        <h1 className="range-title">Saved papers</h1>
        <ExportImport papers={papers} />
      </div>
      <CollectionBar />
      {entries.length === 0 ? (
        <div className="empty">
          <h2>Nothing saved yet</h2>
          <p>
            Save a paper with its Save button or the s key; it stays here, in this browser, until
            you remove it.
          </p>
        </div>
      ) : (
        <>
          <ListView list={list} where="your saved papers" from="saved" />
          {missing.length > 0 && (
            <section className="missing" aria-labelledby="missing-title">
              <h2 id="missing-title">Saved papers no longer in the dataset</h2>
              <ul>
                {missing.map((m) => (
                  <li key={m.id}>
                    {m.title || m.id} <span className="muted">({m.date})</span>{' '}
                    <button type="button" className="text-button" onClick={() => toggleSaved(m)}>
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
