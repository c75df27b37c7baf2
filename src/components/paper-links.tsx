import type { Link } from '../domain/schema';
import { arxivUrls } from '../domain/arxiv';
import { isSafeHref } from '../domain/links';
import { CodeIcon, DatasetIcon, FileIcon, LinkIcon, ProjectIcon } from './icons';

type Kind = Link['kind'] | 'arxiv' | 'pdf';

const LABELS: Record<Kind, string> = {
  arxiv: 'arXiv',
  pdf: 'PDF',
  code: 'Code',
  project: 'Project',
  dataset: 'Dataset',
  other: 'Link',
};
const ICONS: Record<Kind, () => React.JSX.Element> = {
  arxiv: FileIcon,
  pdf: FileIcon,
  code: CodeIcon,
  project: ProjectIcon,
  dataset: DatasetIcon,
  other: LinkIcon,
};

const hostOf = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname === '/' ? '' : u.pathname}`.replace(/\/$/, '');
  } catch {
    return url;
  }
};

/**
 * The links of a paper as labelled icons: its arXiv page and PDF when it has an arXiv id, then
 * the links found in its abstract. Only http(s) URLs are ever rendered as links.
 */
export function PaperLinks({
  links,
  arxivId,
  full = false,
}: {
  links: readonly Link[];
  arxivId?: string | undefined;
  full?: boolean;
}) {
  const arxiv = arxivUrls(arxivId);
  const safe: { kind: Kind; url: string }[] = [
    ...(arxiv
      ? [
          { kind: 'arxiv' as const, url: arxiv.abs },
          { kind: 'pdf' as const, url: arxiv.pdf },
        ]
      : []),
    ...links.filter((l) => isSafeHref(l.url) && l.url !== arxiv?.abs && l.url !== arxiv?.pdf),
  ];
  if (!safe.length) return null;
  return (
    <ul className="links" aria-label="Links">
      {safe.map((link) => {
        const Icon = ICONS[link.kind];
        return (
          <li key={link.url}>
            <a
              href={link.url}
              target="_blank"
              rel="noopener noreferrer"
              className={`link link-${link.kind}`}
              title={link.url}
            >
              <Icon />
              <span>{LABELS[link.kind]}</span>
              {full && <span className="link-host">{hostOf(link.url)}</span>}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
