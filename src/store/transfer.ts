/**
 * Export and import of the reader's own data as one versioned JSON file. Import validates with
 * the same rules as stored state and merges: nothing already here is overwritten.
 */
import { LIMITS } from '../domain/limits';
import { PERSONAL_VERSION, restorePersonal, type PersonalState } from './personal';

export const EXPORT_KIND = 'paperboy-personal-data';

export interface ExportFile {
  kind: typeof EXPORT_KIND;
  version: number;
  exportedAt: string;
  data: Omit<PersonalState, 'visits' | 'theme' | 'density'>;
}

export function toExportFile(state: PersonalState, now: Date): ExportFile {
  return {
    kind: EXPORT_KIND,
    version: PERSONAL_VERSION,
    exportedAt: now.toISOString(),
    data: {
      saved: state.saved,
      read: state.read,
      followed: state.followed,
      ownTopics: state.ownTopics,
      followedAuthors: state.followedAuthors,
      subscriptions: state.subscriptions,
    },
  };
}

export type ImportResult =
  { ok: true; state: PersonalState; problems: string[] } | { ok: false; error: string };

/** Reads an export file's text; rejects anything that is not one, saying what it is instead. */
export function readExportFile(text: string): ImportResult {
  if (text.length > LIMITS.importBytes)
    return {
      ok: false,
      error: `That file is ${(text.length / 1e6).toFixed(1)} MB; a Paperboy export is at most ${LIMITS.importBytes / 1e6} MB. Choose a file exported from Paperboy.`,
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: 'That file is not JSON. Choose a file exported from Paperboy (paperboy-data-….json).',
    };
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { kind?: unknown }).kind !== EXPORT_KIND
  )
    return {
      ok: false,
      error:
        'That JSON file is not a Paperboy export (it has no "kind": "paperboy-personal-data"). Choose a file exported from Paperboy.',
    };
  const file = parsed as { version?: unknown; data?: unknown };
  if (typeof file.version !== 'number' || file.version > PERSONAL_VERSION)
    return {
      ok: false,
      error: `That export is version ${String(file.version)}; this Paperboy reads up to version ${PERSONAL_VERSION}. Update Paperboy, then import again.`,
    };
  if (typeof file.data !== 'object' || file.data === null)
    return { ok: false, error: 'That export has no data in it.' };
  const { state, problems } = restorePersonal(file.data, file.version);
  return { ok: true, state, problems };
}
