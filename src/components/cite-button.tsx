import { useEffect, useId, useRef, useState } from 'react';
import { toBibtex } from '../domain/export';
import type { Paper } from '../domain/schema';

type State = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; reason: string };

/**
 * "Copy BibTeX": the paper's entry to the clipboard. Where the browser refuses (no clipboard
 * API, permission denied), the entry is shown selected so Ctrl+C copies it.
 */
export function CiteButton({ paper }: { paper: Paper }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const id = useId();
  const bibtex = toBibtex([paper]);
  const manual = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state.kind === 'manual') manual.current?.select();
  }, [state.kind]);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('this browser gives pages no clipboard');
      await navigator.clipboard.writeText(bibtex);
      setState({ kind: 'copied' });
    } catch (error) {
      setState({
        kind: 'manual',
        reason: error instanceof Error && error.message ? error.message : 'copying was refused',
      });
    }
  };
  return (
    <>
      <button type="button" className="icon-button" onClick={() => void copy()}>
        <span>Copy BibTeX</span>
      </button>
      <span role="status" className="muted">
        {state.kind === 'copied' ? 'BibTeX copied' : ''}
      </span>
      {state.kind === 'manual' && (
        <div className="cite-manual">
          <label htmlFor={id}>
            Could not copy ({state.reason}): the entry is selected below, press Ctrl+C (⌘C).
          </label>
          <textarea
            id={id}
            readOnly
            rows={Math.min(12, bibtex.split('\n').length)}
            value={bibtex}
            ref={manual}
          />
        </div>
      )}
    </>
  );
}
