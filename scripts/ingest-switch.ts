/**
 * How the ingest command changes the dataset folder: all of it or none of it.
 *
 * Every file that changes is first written into `<out>/.staging-<pid>/` (the same tree, inside
 * `<out>`, so on the same filesystem and a rename moves it), with a plan: the files to move,
 * index.json last, and the files to remove. Renaming that folder to `<out>/.commit-<pid>` is the
 * commit. Before it, `<out>` is as it was; after it, the files are renamed into place one by
 * one, the index last, so the index never names a file that is not there; then the files of
 * removed days go, then the folder.
 *
 * An ingest stopped before the commit (an error, a full disk, a kill) leaves at most a staging
 * folder, and one stopped after it a commit folder. The next ingest, holding the lock, removes
 * the first and finishes the second before it reads anything, each with a note (`recover`).
 * Signals are not caught: the ingest is synchronous, so a handler would run only after it had
 * finished, and Ctrl-C would not stop it; a killed ingest is cleaned up by the next one, as its
 * lock is.
 *
 * Not a goal: a reader looking at the folder between two moves of one switch can see a new day
 * file beside the old index (every file is whole, and the index names only files that exist).
 * Only versioned file names would avoid that, at the cost of every reader's cached copies.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Told of each change to the dataset folder just before it is made: `stage <folder>`,
 * `write <file>`, `write plan`, `commit`, `move <file>`, `remove <file>`, `clean up`. Tests
 * throw from it to fail a write, or kill the process, at every point in turn.
 */
export type WriteHook = (step: string) => void;

/** A problem met while switching the new dataset in; the message says what was done. */
export class SwitchError extends Error {
  override readonly name = 'SwitchError';
  constructor(
    message: string,
    /** Whether files were (or may have been) switched in already: the folder is not as it was. */
    readonly started = false,
  ) {
    super(message);
  }
}

const PLAN = 'plan.json';
const STAGING = /^\.staging-\d+$/;
const COMMIT = /^\.commit-\d+$/;
/** Temporary files of the writes of Paperboy before staging (`2025-09-19.json.tmp-1234`). */
const OLD_TEMPORARY = /\.tmp-\d+$/;

interface Plan {
  /** Paths relative to the dataset folder, in the order they are moved in: index.json last. */
  moves: string[];
  removes: string[];
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  EISDIR: 'a folder is in the way',
  EMFILE: 'too many open files',
  EIO: 'an input/output error',
};

/** A file-system error as a person reads it ("ENOSPC: the disk is full"), or null for a bug. */
export function fsReason(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return null;
  return REASONS[code] ? `${code}: ${REASONS[code]}` : code;
}

/** What to do about a file-system error. */
export function fsAdvice(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT'
    ? 'free some disk space, then ingest again'
    : 'check that you can read and write the folder, then ingest again';
}

/** The new files of one ingest, written aside until `commit` switches them in. */
export class Staging {
  readonly dir: string;
  private readonly files: string[] = [];
  private opened = false;
  /** The step being made, for a message when it fails. */
  step = '';

  constructor(
    readonly out: string,
    private readonly hook: WriteHook = () => {},
  ) {
    this.dir = join(out, `.staging-${process.pid}`);
  }

  /** What the step being made does, for a message ("write the new index.json in …"). */
  get doing(): string {
    if (this.step.startsWith('stage ')) return `make the staging folder ${this.dir}`;
    if (this.step === 'commit') return `rename ${this.dir} to switch the new files in`;
    if (this.step === 'write plan') return `write the plan of the switch in ${this.dir}`;
    return `${this.step.replace(/^write /, 'write the new ')} in ${this.dir}`;
  }

  private do(step: string) {
    this.step = step;
    this.hook(step);
  }

  /** Writes the new version of `relative` (`days/2025-09-19.json`, `index.json`); returns its path. */
  write(relative: string, content: string | Uint8Array): string {
    if (!this.opened) {
      this.do(`stage ${basename(this.dir)}`);
      mkdirSync(this.dir);
      this.opened = true;
    }
    this.do(`write ${relative}`);
    const path = join(this.dir, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    if (!this.files.includes(relative)) this.files.push(relative);
    return path;
  }

  /** Removes the staging folder. False when it could not (the next ingest removes it). */
  discard(): boolean {
    try {
      rmSync(this.dir, { recursive: true, force: true });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Switches the staged files in, index.json last, then removes `removes`. Up to the commit, a
   * failure throws with the dataset folder unchanged (the caller discards the staging folder);
   * after it, a SwitchError says how far the switch got. Does nothing when nothing was staged.
   */
  commit(removes: readonly string[]): void {
    if (!this.opened) return;
    const moves = [...this.files.filter((f) => f !== 'index.json')];
    if (this.files.includes('index.json')) moves.push('index.json');
    const plan: Plan = { moves, removes: [...removes] };
    this.do('write plan');
    writeFileSync(join(this.dir, PLAN), JSON.stringify(plan));
    const made: string[] = [];
    try {
      for (const folder of new Set(moves.map(dirname)))
        if (folder !== '.') {
          const first = mkdirSync(join(this.out, folder), { recursive: true });
          if (first) made.push(first);
        }
      for (const file of moves) {
        const target = join(this.out, file);
        if (existsSync(target) && lstatSync(target).isDirectory())
          throw new SwitchError(
            `${target} is a folder, where the new ${file === 'index.json' ? 'index' : file.startsWith('days/') ? 'day file' : 'file'} goes; move it away, then ingest again`,
          );
      }
      this.do('commit');
      renameSync(this.dir, this.committed);
    } catch (error) {
      for (const folder of made) rmSync(folder, { recursive: true, force: true });
      throw error;
    }
    this.opened = false;
    finishSwitch(this.out, this.committed, this.hook);
  }

  /** The folder's name once committed. */
  private get committed() {
    return join(this.out, `.commit-${process.pid}`);
  }
}

/** Moves the files of a committed switch into place and removes what the plan says. */
function finishSwitch(out: string, dir: string, hook: WriteHook): void {
  let plan: Plan;
  try {
    plan = JSON.parse(readFileSync(join(dir, PLAN), 'utf8')) as Plan;
    if (!Array.isArray(plan.moves) || !Array.isArray(plan.removes)) throw new Error('no lists');
  } catch {
    throw new SwitchError(
      `${dir} holds the files of an interrupted ingest but no readable ${PLAN}; move the folder away, then ingest again`,
    );
  }
  let moved = 0;
  try {
    for (const file of plan.moves) {
      const from = join(dir, file);
      if (existsSync(from)) {
        hook(`move ${file}`);
        mkdirSync(dirname(join(out, file)), { recursive: true });
        renameSync(from, join(out, file));
      }
      moved++;
    }
    for (const file of plan.removes) {
      hook(`remove ${file}`);
      rmSync(join(out, file), { force: true });
    }
    hook('clean up');
    rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    const indexDone = moved === plan.moves.length || !plan.moves.includes('index.json');
    throw new SwitchError(
      `could not finish switching in the new dataset (${fsReason(error) ?? String(error)}): switched in ${moved} of ${plan.moves.length} files${indexDone ? '' : ', not yet index.json, so readers are still given the old index'}; fix that, then run the ingest again: it finishes the switch first (from ${dir})`,
      true,
    );
  }
}

/**
 * Cleans up after an ingest that was stopped (run holding the lock, before anything is read):
 * a staging folder is removed, a commit folder's switch is finished, and temporary files of
 * older writes are removed; each is told to `note`.
 */
export function recover(out: string, note: (line: string) => void, hook?: WriteHook): void {
  if (!existsSync(out)) return;
  for (const name of readdirSync(out).sort()) {
    const path = join(out, name);
    if (STAGING.test(name)) {
      hook?.(`remove ${name}`);
      rmSync(path, { recursive: true, force: true });
      note(`removed ${path}, left by an ingest that was stopped before it changed anything`);
    } else if (COMMIT.test(name)) {
      finishSwitch(out, path, hook ?? (() => {}));
      note(
        `finished switching in the files of an ingest that was stopped while switching them in (${path})`,
      );
    }
  }
  for (const folder of ['', 'days', 'similar']) {
    const dir = join(out, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir))
      if (OLD_TEMPORARY.test(name)) {
        rmSync(join(dir, name), { force: true });
        note(`removed ${join(dir, name)}, a temporary file left by an interrupted write`);
      }
  }
}
