import { useRef, useState } from 'react';
import { toBibtex, toMarkdown } from '../../domain/export';
import type { Paper } from '../../domain/schema';
import { useApp, useAppStore } from '../../store';
import { readExportFile, toExportFile } from '../../store/transfer';

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Export personal data (JSON), saved papers (BibTeX, Markdown), and import a JSON export. */
export function ExportImport({ papers }: { papers: readonly Paper[] }) {
  const store = useAppStore();
  const mergePersonal = useApp((s) => s.mergePersonal);
  const saved = useApp((s) => s.saved);
  // With a collection shown, BibTeX and Markdown export that collection.
  const collection = useApp((s) => s.collection);
  const fileBase = collection
    ? `paperboy-${
        collection
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'collection'
      }`
    : 'paperboy-saved';
  const notes = Object.fromEntries(
    papers.map((p) => [p.id, Object.hasOwn(saved, p.id) ? saved[p.id]!.note : undefined]),
  );
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const stamp = new Date().toISOString().slice(0, 10);
  const onImport = async (file: File) => {
    const result = readExportFile(await file.text());
    if (!result.ok) return setMessage({ kind: 'error', text: result.error });
    const added = await mergePersonal(result.state);
    const parts = [
      plural(added.saved, 'saved paper'),
      ...(added.notes ? [plural(added.notes, 'note')] : []),
      plural(added.read, 'read mark'),
      plural(added.followed, 'followed topic'),
      ...(added.followedAuthors ? [plural(added.followedAuthors, 'followed author')] : []),
      ...(added.collections ? [plural(added.collections, 'collection')] : []),
      ...(added.ownTopics
        ? [plural(added.ownTopics, 'topic of your own', 'topics of your own')]
        : []),
      plural(added.subscriptions, 'subscription'),
    ];
    const cut = [...result.problems, ...added.problems];
    setMessage({
      kind: 'ok',
      text: `Imported ${parts.join(', ')} from ${file.name}; what you already had was kept.${cut.length ? ` Not everything was imported: ${cut.join('; ')}.` : ''}`,
    });
  };
  return (
    <div className="export-import">
      <div className="button-row" role="group" aria-label="Export and import">
        <button
          type="button"
          className="button"
          onClick={() =>
            download(
              `paperboy-data-${stamp}.json`,
              'application/json',
              JSON.stringify(toExportFile(store.getState(), new Date()), null, 2),
            )
          }
        >
          Export data (JSON)
        </button>
        <button
          type="button"
          className="button"
          disabled={!papers.length}
          title="Download the saved papers as a BibTeX file"
          onClick={() =>
            download(`${fileBase}-${stamp}.bib`, 'application/x-bibtex', toBibtex(papers, notes))
          }
        >
          Export BibTeX
        </button>
        <button
          type="button"
          className="button"
          disabled={!papers.length}
          onClick={() =>
            download(
              `${fileBase}-${stamp}.md`,
              'text/markdown',
              toMarkdown(papers, collection ?? 'Saved papers', notes),
            )
          }
          title="Download the saved papers as a Markdown reading list"
        >
          Export Markdown
        </button>
        <label className="button file-button">
          Import data…
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void onImport(file);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {message && (
        <p
          className={`notice notice-${message.kind === 'ok' ? 'info' : 'error'}`}
          role={message.kind === 'ok' ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
