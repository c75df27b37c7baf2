import { useEffect, useRef, useState } from 'react';
import { TYPING_PAUSE_MS } from '../../lib/archive-page';

/**
 * How long the list waits for typing to stop before it shows a new result (see useSettled): the
 * archive's typing pause, after which the result's rows are fetched too.
 */
export const SETTLE_MS = TYPING_PAUSE_MS;

/**
 * `current`, except that while the fields named by `held` change in quick succession (a search
 * typed letter by letter) they keep the values they had when the burst began, until they have
 * been still for `ms`. The first change after a quiet spell passes at once, and so does any
 * change once `typed` (the query) has been still for `ms`: a result that comes after the reader
 * stopped typing (the first search of All days, waiting for the index) is not held because the
 * list changed just before it. The other fields always pass at once (rows arriving, the
 * keyboard cursor).
 *
 * Why: in All days each keystroke's result re-rendered, laid out and painted the list's cards,
 * on the same thread that must take the next result and update the count; on a loaded two-core
 * machine that work is what made a keystroke wait. The count still updates with every key.
 */
export function useSettled<T extends object>(
  current: T,
  held: readonly (keyof T)[],
  active: boolean,
  typed: unknown,
  ms = SETTLE_MS,
): T {
  // What the held fields show, and whether it was taken while active: a value kept from an
  // earlier spell (a day's list before All days was opened) is never shown.
  const [shown, setShown] = useState({ value: current, active });
  // The last value rendered: what the timer shows, and what a change is measured against.
  const latest = useRef(current);
  const lastChange = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // When `typed` last changed (a keystroke), as seen by the first effect after it.
  const lastTyped = useRef(typed);
  const typedAt = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(lastTyped.current, typed)) return;
    lastTyped.current = typed;
    typedAt.current = performance.now();
  }, [typed]);
  // Turned on or off: start again from what is current (React's "adjust state while
  // rendering": this render is redone at once, before anything is shown).
  if (active !== shown.active) setShown({ value: current, active });
  const valid = active && shown.active;
  const differs = held.some((k) => shown.value[k] !== current[k]);
  useEffect(() => {
    const changed = held.some((k) => latest.current[k] !== current[k]);
    latest.current = current;
    if (!active || !valid) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      return;
    }
    if (!differs || !changed) return;
    const now = performance.now();
    const quiet = now - lastChange.current >= ms || now - typedAt.current >= ms;
    lastChange.current = now;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (quiet) setShown({ value: latest.current, active: true });
    else
      timer.current = setTimeout(() => {
        timer.current = null;
        setShown({ value: latest.current, active: true });
      }, ms);
  }, [current, held, active, valid, differs, ms]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  if (!valid || !differs) return current;
  const out = { ...current };
  for (const k of held) out[k] = shown.value[k];
  return out;
}
