import { useId } from 'react';
import { NOTE_MAX } from '../../store/personal';
import { useApp } from '../../store';

/** The reader's note on a saved paper, kept in the browser with it and exported with it. */
export function NoteEditor({ id }: { id: string }) {
  const note = useApp((s) => (Object.hasOwn(s.saved, id) ? s.saved[id]!.note : undefined) ?? '');
  const setNote = useApp((s) => s.setNote);
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="note-editor">
      <label htmlFor={inputId}>Your note</label>
      <textarea
        id={inputId}
        aria-describedby={hintId}
        rows={3}
        maxLength={NOTE_MAX}
        value={note}
        placeholder="Why it matters, what to try, who to tell…"
        onChange={(e) => setNote(id, e.target.value)}
      />
      <p id={hintId} className="muted">
        Kept in this browser with the saved paper, shown wherever it is listed, and exported with
        your saved papers. Unsaving the paper removes it.
      </p>
    </div>
  );
}
