import type { SavedEntry } from '../../store/personal';

/** Every collection with how many saved papers it holds, by name. */
export function collectionCounts(saved: Record<string, SavedEntry>): [string, number][] {
  const counts = new Map<string, number>();
  for (const entry of Object.values(saved))
    for (const name of entry.collections ?? []) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
}
