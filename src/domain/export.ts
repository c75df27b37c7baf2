/**
 * Getting the reader's data out: saved papers as BibTeX and as a Markdown reading list. Pure
 * text builders; the app offers them as downloads.
 */
import { own } from './records';
import { arxivUrls } from './arxiv';
import type { Paper } from './schema';
import { topicLabel } from './topic-meta';

const LINK_LABELS = {
  code: 'Code',
  project: 'Project',
  dataset: 'Dataset',
  other: 'Link',
} as const;

/**
 * Escapes text for a BibTeX field in braces: braces balanced, specials backslashed, and line
 * breaks as spaces (BibTeX reads them so anyway), so no line of a field can begin an entry
 * ("@preamble{" after a line break) for a tool that reads BibTeX line by line.
 */
export function bibtexEscape(text: string): string {
  // Braces as commands, never \{ or \}: BibTeX counts every brace, escaped or not, so a lone
  // \{ would unbalance the field.
  const SPECIAL: Record<string, string> = {
    '\\': '\\textbackslash{}',
    '{': '\\textbraceleft{}',
    '}': '\\textbraceright{}',
    '~': '\\textasciitilde{}',
    '^': '\\textasciicircum{}',
  };
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\{}~^]/g, (c) => SPECIAL[c]!)
    .replace(/([&%$#_])/g, '\\$1');
}

/**
 * A URL for a BibTeX field: characters that would end or unbalance the field, or that BibTeX
 * and LaTeX read specially (braces, backslash, quote, spaces), percent-encoded; the URL opens the
 * same page.
 */
export function bibtexUrl(url: string): string {
  return url.replace(
    /[{}\\"\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function citeKey(paper: Paper, used: Set<string>): string {
  const author =
    (paper.authors?.[0] ?? '')
      .split(/\s+/)
      .at(-1)
      ?.toLowerCase()
      .replace(/[^a-z]/g, '') || 'paper';
  const word = paper.title.toLowerCase().match(/[a-z]{4,}/)?.[0] ?? 'untitled';
  const base = `${author}${paper.date.slice(0, 4)}${word}`;
  let key = base;
  for (let i = 2; used.has(key); i++) key = `${base}${i}`;
  used.add(key);
  return key;
}

/** The reader's notes on papers, by paper id. */
export type Notes = Readonly<Record<string, string | undefined>>;

/** One @misc entry per paper (eprint fields for an arXiv id); a reader's note as `annote`. */
export function toBibtex(papers: readonly Paper[], notes: Notes = {}): string {
  const used = new Set<string>();
  return papers
    .map((p) => {
      const fields: [string, string][] = [['title', `{${bibtexEscape(p.title)}}`]];
      if (p.authors?.length) fields.push(['author', bibtexEscape(p.authors.join(' and '))]);
      fields.push(['year', p.date.slice(0, 4)], ['month', String(Number(p.date.slice(5, 7)))]);
      const arxiv = arxivUrls(p.arxivId);
      if (arxiv)
        // An arXiv id is checked (isArxivId): only digits, letters, dots, slashes and dashes.
        fields.push(['eprint', p.arxivId!], ['archivePrefix', 'arXiv'], ['url', arxiv.abs]);
      else {
        const url =
          p.links.find((l) => l.kind === 'project') ??
          p.links.find((l) => l.kind === 'code') ??
          p.links[0];
        if (url) fields.push(['url', bibtexUrl(url.url)]);
      }
      fields.push(
        ['abstract', bibtexEscape(p.abstract)],
        ['note', `Paperboy daily papers, ${p.date}`],
      );
      const note = own(notes, p.id);
      if (note) fields.push(['annote', bibtexEscape(note)]);
      return `@misc{${citeKey(p, used)},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}`;
    })
    .join('\n\n')
    .concat(papers.length ? '\n' : '');
}

/** Escapes Markdown inline syntax so a title cannot become a link or markup. */
export function markdownEscape(text: string): string {
  return text.replace(/([\\`*_{}[\]()<>#+!|~])/g, '\\$1');
}

/** A reading list: one section per paper with date, topics, authors, arXiv id and links. */
export function toMarkdown(
  papers: readonly Paper[],
  title = 'Saved papers',
  notes: Notes = {},
): string {
  const lines = [`# ${markdownEscape(title)}`, ''];
  for (const p of papers) {
    lines.push(`## ${markdownEscape(p.title)}`, '');
    lines.push(`- Date: ${p.date}`);
    if (p.authors?.length) lines.push(`- Authors: ${markdownEscape(p.authors.join(', '))}`);
    const arxiv = arxivUrls(p.arxivId);
    if (arxiv) lines.push(`- arXiv: [${p.arxivId}](${arxiv.abs}) ([PDF](${arxiv.pdf}))`);
    if (p.topics.length) lines.push(`- Topics: ${p.topics.map(topicLabel).join(', ')}`);
    for (const link of p.links)
      lines.push(`- ${LINK_LABELS[link.kind]}: <${link.url.replace(/>/g, '%3E')}>`);
    const note = own(notes, p.id);
    if (note) lines.push('', ...note.split('\n').map((l) => `> ${markdownEscape(l)}`));
    lines.push('');
  }
  return lines.join('\n');
}
