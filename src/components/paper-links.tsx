import type { Link } from '../domain/schema';
import { arxivUrls } from '../domain/arxiv';
import { isSafeHref } from '../domain/links';

export type LinkKind = Link['kind'] | 'arxiv' | 'pdf' | 'hf' | 'find';
type Kind = LinkKind;

const LABELS: Record<Kind, string> = {
  arxiv: 'arXiv',
  pdf: 'PDF',
  hf: 'Hugging Face',
  find: 'Find on arXiv',
  code: 'Code',
  project: 'Project',
  dataset: 'Dataset',
  other: 'Link',
};

const hostOf = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname === '/' ? '' : u.pathname}`.replace(/\/$/, '');
  } catch {
    return url;
  }
};

/** Hugging Face has a page for every new-style arXiv id (2509.01234), none for old-style ones. */
const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;

/** Where a paper can be read: arXiv, its PDF and Hugging Face page, or a title search on arXiv. */
export function paperLinks(
  links: readonly Link[],
  arxivId: string | undefined,
  title: string,
): { kind: Kind; url: string }[] {
  const arxiv = arxivUrls(arxivId);
  const hf = arxivId ? NEW_STYLE.exec(arxivId)?.[1] : undefined;
  const own = links.filter(
    (l) => isSafeHref(l.url) && l.url !== arxiv?.abs && l.url !== arxiv?.pdf,
  );
  const way: { kind: Kind; url: string }[] = arxiv
    ? [
        { kind: 'arxiv', url: arxiv.abs },
        { kind: 'pdf', url: arxiv.pdf },
        ...(hf ? [{ kind: 'hf' as const, url: `https://huggingface.co/papers/${hf}` }] : []),
      ]
    : [
        {
          kind: 'find',
          url: `https://arxiv.org/search/?query=${encodeURIComponent(title)}&searchtype=title`,
        },
      ];
  return [...way, ...own];
}

/**
 * The links of a paper as labelled icons (the icons are CSS, so a card costs no SVG nodes): the
 * way to the paper first (its arXiv page, PDF and Hugging Face page when it has an arXiv id, else
 * a title search on arXiv), then the links found in its abstract. Only http(s) URLs are ever
 * rendered as links. `full` adds each link's address (the paper page); `list` wraps them in a
 * labelled list.
 */
export function PaperLinks({
  links,
  arxivId,
  title,
  full = false,
  list = full,
  kinds,
}: {
  links: readonly Link[];
  arxivId?: string | undefined;
  title: string;
  full?: boolean;
  list?: boolean;
  /** Only these kinds (all by default). */
  kinds?: readonly LinkKind[];
}) {
  const shown = paperLinks(links, arxivId, title).filter((l) => !kinds || kinds.includes(l.kind));
  const items = shown.map((link) => (
    <a
      key={link.url}
      href={link.url}
      target="_blank"
      rel="noopener noreferrer"
      className={`link link-${link.kind}`}
      title={link.kind === 'find' ? `Search arXiv for this title` : link.url}
    >
      {LABELS[link.kind]}
      {full && link.kind !== 'find' && <span className="link-host"> {hostOf(link.url)}</span>}
    </a>
  ));
  if (!list) return <>{items}</>;
  return (
    <ul className="links" aria-label="Links">
      {items.map((item) => (
        <li key={item.key}>{item}</li>
      ))}
    </ul>
  );
}
