/**
 * Collections of saved papers (arxiv-sanity's tags): the Saved page's bar, which shows one
 * collection or all and renames or deletes the one shown, and the paper page's picker, which
 * puts a saved paper in collections or makes a new one.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store';
import { COLLECTION_MAX, collectionName } from '../../store/personal';
import { collectionCounts } from './collection-counts';

function useCollections() {
  const saved = useApp((s) => s.saved);
  return useMemo(() => collectionCounts(saved), [saved]);
}

/** The Saved page's collections: All, each collection as a toggle, rename and delete. */
export function CollectionBar() {
  const collections = useCollections();
  const { current, total, setCollection, renameCollection, deleteCollection } = useApp(
    useShallow((s) => ({
      current: s.collection,
      total: Object.keys(s.saved).length,
      setCollection: s.setCollection,
      renameCollection: s.renameCollection,
      deleteCollection: s.deleteCollection,
    })),
  );
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState('');
  const inputId = useId();
  if (!collections.length && !current) return null;
  const exists = collections.some(([n]) => n === current);
  const rename = (event: FormEvent) => {
    event.preventDefault();
    const to = collectionName(name);
    if (to && current && to !== current) renameCollection(current, to);
    setRenaming(false);
  };
  return (
    <nav className="collections" aria-label="Collections">
      <ul className="chip-row">
        <li>
          <button
            type="button"
            className="chip-toggle"
            aria-pressed={!current}
            onClick={() => setCollection(null)}
          >
            All saved <span className="count">{total}</span>
          </button>
        </li>
        {collections.map(([n, count]) => (
          <li key={n}>
            <button
              type="button"
              className="chip-toggle"
              aria-pressed={current === n}
              onClick={() => setCollection(current === n ? null : n)}
            >
              {n} <span className="count">{count}</span>
            </button>
          </li>
        ))}
      </ul>
      {current && !exists && (
        <p className="list-note" role="note">
          No saved paper is in “{current}”. Put papers in it from their pages.
        </p>
      )}
      {current && exists && (
        <div className="button-row">
          {renaming ? (
            <form className="field-inline" onSubmit={rename} aria-label={`Rename ${current}`}>
              <label htmlFor={inputId}>New name</label>
              <input
                id={inputId}
                type="text"
                value={name}
                maxLength={COLLECTION_MAX}
                onChange={(e) => setName(e.target.value)}
                autoFocus
              />
              <button type="submit" className="button">
                Rename
              </button>
              <button type="button" className="text-button" onClick={() => setRenaming(false)}>
                Cancel
              </button>
            </form>
          ) : (
            <>
              <button
                type="button"
                className="text-button"
                onClick={() => {
                  setName(current);
                  setRenaming(true);
                }}
              >
                Rename “{current}”
              </button>
              <button
                type="button"
                className="text-button"
                onClick={() => deleteCollection(current)}
                title="The papers stay saved; only the collection goes"
              >
                Delete collection “{current}”
              </button>
            </>
          )}
        </div>
      )}
    </nav>
  );
}

/** The paper page's collections of a saved paper: a checkbox each, and a new one by name. */
export function CollectionPicker({ id }: { id: string }) {
  const collections = useCollections();
  const { entry, setCollections } = useApp(
    useShallow((s) => ({
      entry: Object.hasOwn(s.saved, id) ? s.saved[id] : undefined,
      setCollections: s.setCollections,
    })),
  );
  const [name, setName] = useState('');
  const inputId = useId();
  if (!entry) return null;
  const mine = entry.collections ?? [];
  const add = (event: FormEvent) => {
    event.preventDefault();
    const n = collectionName(name);
    if (n && !mine.includes(n)) setCollections(id, [...mine, n]);
    setName('');
  };
  return (
    <fieldset className="collection-picker">
      <legend>Collections</legend>
      {collections.map(([n]) => (
        <label key={n} className="check">
          <input
            type="checkbox"
            checked={mine.includes(n)}
            onChange={(e) =>
              setCollections(id, e.target.checked ? [...mine, n] : mine.filter((x) => x !== n))
            }
          />
          {n}
        </label>
      ))}
      <form className="field-inline" onSubmit={add}>
        <label htmlFor={inputId} className="visually-hidden">
          New collection
        </label>
        <input
          id={inputId}
          type="text"
          value={name}
          maxLength={COLLECTION_MAX}
          placeholder="New collection"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button" disabled={!collectionName(name)}>
          Add to collection
        </button>
      </form>
    </fieldset>
  );
}
