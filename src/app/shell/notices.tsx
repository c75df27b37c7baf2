import { useApp } from '../../store';

/** Messages about the dataset or stored state: visible, dismissable, announced. */
export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  if (!notices.length) return null;
  return (
    <section className="notices" aria-label="Notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{n.text}</p>
          <button type="button" className="text-button" onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
