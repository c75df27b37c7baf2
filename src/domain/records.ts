/**
 * Records keyed by data (paper ids, dates) without the prototype's surprises: a paper whose id
 * is `constructor` or `toString` must not find Object's own properties. Every record keyed by
 * data is made with `dict` (no prototype) and read with `own`.
 */

/** The record's own value for `key`: `own({}, 'constructor')` is undefined. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A record with no prototype, holding `from`'s own entries. */
export function dict<T>(from: Readonly<Record<string, T>> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}
