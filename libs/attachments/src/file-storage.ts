import { randomUUID } from 'node:crypto';
import { open, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where uploaded bytes live. Services depend on this interface (injected as FILE_STORAGE), never on the disk,
 * so an S3-compatible store can replace the local one without touching them.
 */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  /** Opens the object; rejects (ENOENT-like) before any byte is streamed, so callers can still answer 404. */
  get(key: string): Promise<Readable>;
  /** Removes the object; a missing object is not an error (cleanup may run twice). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** Raised for a key that is not one we generate: a bug or an attack, never a user mistake. */
export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key: ${JSON.stringify(key)}`);
  }
}

/** Segments start with a letter or digit, so `.`, `..` and hidden names can never appear; no backslashes. */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}$/;

/** Files under one root directory (UPLOAD_DIR). Good for one host or a shared volume. */
export class LocalFileStorage implements FileStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Maps a key to a path, refusing anything that could leave the root even if the pattern were loosened. */
  pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new InvalidStorageKeyError(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new InvalidStorageKeyError(key);
    return path;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Write aside, then rename: a reader never sees half a file, and a crash leaves only a stray temp file.
    const temp = `${path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, data, { flag: 'wx', mode: 0o640 });
      await rename(temp, path);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    const handle = await open(this.pathOf(key), 'r');
    return handle.createReadStream({ autoClose: true });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }
}

/** `yyyy/mm/<id>-<variant>.<ext>` in UTC: spreads files over directories and makes old ones easy to find. */
export function storageKey(id: string, variant: 'original' | 'public', ext: string, at = new Date()): string {
  const yyyy = String(at.getUTCFullYear());
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${yyyy}/${mm}/${id}-${variant}.${ext}`;
}
