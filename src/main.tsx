import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { validateDayFile, validateIndex, type Paper } from './domain/schema';

function App() {
  const [papers, setPapers] = useState<Paper[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    (async () => {
      const index = validateIndex(await (await fetch('/data/index.json')).json());
      if (!index.ok) throw new Error(index.problems.join('; '));
      const newest = index.value.days.at(-1);
      if (!newest) return setPapers([]);
      const day = validateDayFile(await (await fetch(`/data/days/${newest.date}.json`)).json());
      if (!day.ok) throw new Error(day.problems.join('; '));
      setPapers(day.value.papers);
    })().catch((e: unknown) => setError(String(e)));
  }, []);
  if (error) return <p role="alert">Could not load the dataset: {error}</p>;
  if (!papers) return <p>Loading…</p>;
  return (
    <main>
      <h1>Paperboy</h1>
      <ol>
        {papers.map((p) => (
          <li key={p.id}>{p.title}</li>
        ))}
      </ol>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
