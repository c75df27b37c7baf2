import { useApp } from '../../store';
import type { NoticeDownload } from '../../store/storage';

/** Saves `file` through a Blob link: the text is never rendered, only handed to the browser. */
function saveFile(file: NoticeDownload) {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

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
          {n.download && (
            <button type="button" className="text-button" onClick={() => saveFile(n.download!)}>
              {n.download.label}
            </button>
          )}
          <button type="button" className="text-button" onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
