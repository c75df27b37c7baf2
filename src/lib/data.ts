/**
 * Loading the dataset in the browser: fetch, parse and validate with the shared schema. Every
 * failure becomes a message that names the file and the fix; a day file with some bad papers
 * keeps the good ones and says how many it skipped.
 */
import {
  SCHEMA_VERSION,
  validateDayFile,
  validateIndex,
  validatePaper,
  validateSimilarFile,
  type DatasetIndex,
  type DayFile,
  type Paper,
  type SimilarRef,
} from '../domain/schema';

export type Loaded<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: string };

export const DATA_BASE = '/data';

async function fetchJson(
  path: string,
  fetcher: typeof fetch,
  query = '',
): Promise<{ ok: true; data: unknown } | { ok: false; error: string }> {
  let response: Response;
  try {
    response = await fetcher(`${DATA_BASE}/${path}${query}`);
  } catch {
    return {
      ok: false,
      error: `Could not reach ${DATA_BASE}/${path}: the network is off or the server stopped. Check the connection and reload.`,
    };
  }
  if (!response.ok)
    return {
      ok: false,
      error:
        response.status === 404
          ? `${DATA_BASE}/${path} is missing (HTTP 404). Re-run the ingest step or restore the file, then reload.`
          : `${DATA_BASE}/${path} could not be loaded (HTTP ${response.status}). Reload to try again.`,
    };
  const text = await response.text();
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      error: `${DATA_BASE}/${path} is not valid JSON (${text.length ? 'truncated or corrupt' : 'empty'}). Re-run the ingest step, then reload.`,
    };
  }
}

const versionOf = (data: unknown) =>
  typeof data === 'object' && data !== null
    ? (data as { schemaVersion?: unknown }).schemaVersion
    : undefined;

/** Loads and validates `data/index.json`. */
export async function loadIndex(fetcher: typeof fetch = fetch): Promise<Loaded<DatasetIndex>> {
  const result = await fetchJson('index.json', fetcher);
  if (!result.ok) return result;
  const version = versionOf(result.data);
  if (version !== SCHEMA_VERSION)
    return {
      ok: false,
      error: `${DATA_BASE}/index.json has schema version ${JSON.stringify(version ?? null)}; this Paperboy reads version ${SCHEMA_VERSION}. Re-ingest the digests with this version (npm run ingest), then reload.`,
    };
  const checked = validateIndex(result.data);
  if (!checked.ok)
    return {
      ok: false,
      error: `${DATA_BASE}/index.json is not a valid dataset index: ${checked.problems.slice(0, 3).join('; ')}. Re-run the ingest step.`,
    };
  return { ok: true, value: checked.value, warnings: [] };
}

/**
 * The similar papers of one day's papers (data/similar/DATE.json), by paper id: loaded by the
 * paper page, not the feed, so the first screen does not pay for them. Null when the file is
 * missing or damaged (the page then shows none).
 */
export async function loadSimilar(
  date: string,
  fetcher: typeof fetch = fetch,
): Promise<Record<string, SimilarRef[]> | null> {
  const result = await fetchJson(`similar/${date}.json`, fetcher);
  if (!result.ok) return null;
  const checked = validateSimilarFile(result.data);
  return checked.ok && checked.value.date === date ? checked.value.similar : null;
}

/** Loads and validates one day; keeps the valid papers of a day file with some invalid ones. */
export async function loadDay(
  date: string,
  fetcher: typeof fetch = fetch,
  forArchive = false,
): Promise<Loaded<DayFile>> {
  const path = `days/${date}.json`;
  // The archive's downloads are marked so the service worker does not copy every day into the
  // offline cache (it keeps the days the reader opened).
  const result = await fetchJson(path, fetcher, forArchive ? '?via=archive' : '');
  if (!result.ok) return result;
  const checked = validateDayFile(result.data);
  if (checked.ok) {
    if (checked.value.date !== date)
      return {
        ok: false,
        error: `${DATA_BASE}/${path} holds the papers of ${checked.value.date}, not ${date}. Re-run the ingest step.`,
      };
    return { ok: true, value: checked.value, warnings: [] };
  }
  const data = result.data as { schemaVersion?: unknown; papers?: unknown };
  if (versionOf(data) !== SCHEMA_VERSION || !Array.isArray(data.papers))
    return {
      ok: false,
      error: `${DATA_BASE}/${path} is not a valid day file (${checked.problems[0]}). Re-run the ingest step.`,
    };
  const papers: Paper[] = [];
  const problems: string[] = [];
  data.papers.forEach((raw: unknown, i: number) => {
    const paper = validatePaper(raw);
    if (paper.ok && paper.value.date === date) papers.push(paper.value);
    else problems.push(`paper ${i + 1}: ${paper.ok ? 'wrong date' : paper.problems[0]}`);
  });
  // Every paper is sound: the damage is in the file's own fields (its date, say).
  const damage = problems[0] ?? checked.problems.find((p) => !p.startsWith('papers['));
  return {
    ok: true,
    value: { schemaVersion: SCHEMA_VERSION, date, papers },
    warnings: [
      problems.length
        ? `${problems.length} of ${data.papers.length} papers of ${date} could not be shown because ${DATA_BASE}/${path} is damaged (${damage}). Re-run the ingest step to repair it.`
        : `${DATA_BASE}/${path} is damaged (${damage}); its ${papers.length} papers are shown. Re-run the ingest step to repair it.`,
    ],
  };
}
