import { useEffect, useRef } from 'react';
import { useApp } from '../../store';

/** Each shortcut's keys (alternatives joined by `join`) and what it does. */
export const SHORTCUTS: { keys: string[]; join?: string; action: string }[] = [
  { keys: ['/'], action: 'Search' },
  { keys: ['j', 'k'], join: '/', action: 'Next / previous paper' },
  { keys: ['o', 'Enter'], join: 'or', action: 'Open the paper' },
  { keys: ['s'], action: 'Save or unsave the paper' },
  { keys: ['m'], action: 'Mark the paper read or unread' },
  { keys: ['[', ']'], join: '/', action: 'Previous / next day' },
  { keys: ['Escape'], action: 'Clear the search, close a dialog' },
  { keys: ['?'], action: 'Show these shortcuts' },
];

/** The keyboard shortcuts, in a native modal dialog (focus trapped, Escape closes). */
export function ShortcutsDialog() {
  const open = useApp((s) => s.shortcutsOpen);
  const setOpen = useApp((s) => s.setShortcutsOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close?.();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="shortcuts-title"
      onClose={() => setOpen(false)}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(({ keys, join, action }) => (
            <tr key={action}>
              {/* Never broken across lines: "o or" on one line and "Enter" on the next reads
                  as two shortcuts. */}
              <td className="keys">
                {keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ` ${join} `}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        In the search box, every word must match (one typo is forgiven), <kbd>"two words"</kbd> must
        appear together, and <kbd>-word</kbd> leaves out the papers that contain it:{' '}
        <kbd>"sparse attention" -vision</kbd>.
      </p>
      <form method="dialog">
        <button type="submit" className="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </form>
    </dialog>
  );
}
