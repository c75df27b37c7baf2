import { useEffect, useRef, useState } from 'react';

/** How long the list waits for typing to stop before it shows a new result (see useSettled). */
export const SETTLE_MS = 150;

/**
 * `current`, except that while the fields named by `held` change in quick succession (a search
 * typed letter by letter) they keep the values they had when the burst began, until they have
 * been still for `ms`. The first change after a quiet spell passes at once; the other fields
 * always pass at once (rows arriving, the keyboard cursor).
 *
 * Why: in All days each keystroke's result re-rendered, laid out and painted the list's cards,
 * on the same thread that must take the next result and update the count; on a loaded two-core
 * machine that work is what made a keystroke wait. The count still updates with every key.
 */
export function useSettled<T extends object>(
  current: T,
  held: readonly (keyof T)[],
  active: boolean,
  ms = SETTLE_MS,
): T {
  const [shown, setShown] = useState(current);
  const latest = useRef(current);
  const lastChange = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const previous = useRef(current);
  const differs = held.some((k) => shown[k] !== current[k]);
  useEffect(() => {
    latest.current = current;
    const changed = held.some((k) => previous.current[k] !== current[k]);
    previous.current = current;
    if (!active || !differs || !changed) return;
    const now = performance.now();
    const quiet = now - lastChange.current >= ms;
    lastChange.current = now;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (quiet) setShown(latest.current);
    else
      timer.current = setTimeout(() => {
        timer.current = null;
        setShown(latest.current);
      }, ms);
  }, [current, held, active, differs, ms]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  if (!active || !differs) return current;
  const out = { ...current };
  for (const k of held) out[k] = shown[k];
  return out;
}
