import { useEffect, useRef } from 'react';
import { useApp } from '../../store';

export const SHORTCUTS: [string, string][] = [
  ['/', 'Search'],
  ['j / k', 'Next / previous paper'],
  ['o or Enter', 'Open the paper'],
  ['s', 'Save or unsave the paper'],
  ['m', 'Mark the paper read or unread'],
  ['[ / ]', 'Previous / next day'],
  ['Escape', 'Clear the search, close a dialog'],
  ['?', 'Show these shortcuts'],
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
          {SHORTCUTS.map(([key, action]) => (
            <tr key={key}>
              <td>
                <kbd>{key}</kbd>
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
