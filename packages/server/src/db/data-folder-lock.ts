import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Inside the folder, so it moves and is deleted with it; PostgreSQL ignores files it does not know. */
export const LOCK_FILE_NAME = 'triage.lock';

/** Another live process holds the folder: PGlite would open it too, and the two would overwrite each other. */
export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
  constructor(
    readonly folder: string,
    readonly pid: number,
    /** Set when the lock names another host: its process cannot be checked from here. */
    readonly host?: string,
  ) {
    super(
      host
        ? `the data folder ${folder} is locked by a Triage process on host ${host} (pid ${pid}); if none runs ` +
            `there any more (a container replaced after a crash), delete ${join(folder, LOCK_FILE_NAME)}`
        : `the data folder ${folder} is in use by another Triage process (pid ${pid}): stop \`triage serve\` ` +
            'first, or point DATABASE_URL at a PostgreSQL server to share data',
    );
  }
}

interface LockOwner {
  pid: number;
  host: string;
  /** Tells this opening from an earlier one of the same process, so release never removes a lock it lost. */
  token: string;
}

/** Tokens of the locks this process holds now. */
const heldTokens = new Set<string>();

export interface DataFolderLock {
  release(): void;
}

export interface LockOptions {
  /** Whether a process with this pid is running (tests replace it). */
  isAlive?: (pid: number) => boolean;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string' || typeof owner.token !== 'string')
      return undefined;
    return owner as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * Takes the folder for this process: a lock file with our pid, created atomically (a complete temporary file
 * hard-linked into place, which fails when the lock exists). A lock left by a process that is gone (a crash, a
 * kill -9) is taken over; one held by a live process, or by a process on another host (a shared disk, where the
 * pid cannot be checked), is refused at once. The lock is released on close, and at exit if close never ran.
 */
export function lockDataFolder(folder: string, options: LockOptions = {}): DataFolderLock {
  const isAlive = options.isAlive ?? isProcessAlive;
  const path = join(folder, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
  const draft = `${path}.${me.token}`;
  writeFileSync(draft, `${JSON.stringify(me)}\n`);
  try {
    // Two tries: the second follows the removal of a stale lock.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(draft, path);
        break;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(path);
      // A lock with our own pid that this process does not hold was left by an earlier process that had the same
      // pid: a container restarted after a crash, where the server is pid 1 every time.
      const stale =
        owner === undefined ||
        (owner.host === me.host &&
          (owner.pid === process.pid ? !heldTokens.has(owner.token) : !isAlive(owner.pid)));
      if (!stale || attempt === 1)
        throw new DataFolderInUseError(
          folder,
          owner?.pid ?? 0,
          owner && owner.host !== me.host ? owner.host : undefined,
        );
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(draft, { force: true });
  }

  heldTokens.add(me.token);
  const releaseIfOurs = () => {
    heldTokens.delete(me.token);
    if (readOwner(path)?.token !== me.token) return;
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.once('exit', releaseIfOurs);
  return {
    release() {
      process.off('exit', releaseIfOurs);
      releaseIfOurs();
    },
  };
}
