import { memo } from 'react';
import { highlight } from '../domain/highlight';

/** Text with search matches in <mark>: parts rendered by React as text, never as HTML. */
export const HighlightedText = memo(function HighlightedText({
  text,
  terms,
}: {
  text: string;
  terms: readonly string[];
}) {
  if (!terms.length) return <>{text}</>;
  return (
    <>
      {highlight(text, terms).map((part, i) =>
        part.hit ? <mark key={i}>{part.text}</mark> : part.text,
      )}
    </>
  );
});
