import type { Link } from '../domain/schema';
import { isSafeHref } from '../domain/links';
import { CodeIcon, DatasetIcon, LinkIcon, ProjectIcon } from './icons';

const LABELS = { code: 'Code', project: 'Project', dataset: 'Dataset', other: 'Link' } as const;
const ICONS = {
  code: CodeIcon,
  project: ProjectIcon,
  dataset: DatasetIcon,
  other: LinkIcon,
} as const;

const hostOf = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname === '/' ? '' : u.pathname}`.replace(/\/$/, '');
  } catch {
    return url;
  }
};

/** The links of a paper as labelled icons; only http(s) URLs are ever rendered as links. */
export function PaperLinks({ links, full = false }: { links: readonly Link[]; full?: boolean }) {
  const safe = links.filter((l) => isSafeHref(l.url));
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
