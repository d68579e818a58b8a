import { isAscii } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * File plumbing every module shares: whole writes (a reader sees the old file or the new one, never half of one),
 * with the durable guarantee where data is at stake, the identity of a file as it stands, and a folder's listing.
 */

export type WriteOptions = {
  /**
   * The data and the folder entry are on the disk (fsync) before the write returns: for what must survive a power
   * cut (content, monitoring data, subscribers). Without it, a crash may lose the write but never half-write it.
   */
  durable?: boolean;
  /** Permission bits of the new file (0o600 keeps it private). */
  mode?: number;
  /** Refuse (EEXIST) when the file exists, even if it appears while writing. */
  exclusive?: boolean;
};

/** The temp file a write goes through: beside the target, hidden, named for this process (`.<name>.<pid>.<random>.tmp`). */
export function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes `file` beside, then renames it over the old one (links it, with `exclusive`). A failure throws and leaves
 * the old file as it was, and no temp file behind.
 */
export function writeWhole(file: string, data: string | Uint8Array, { durable = false, mode = 0o644, exclusive = false }: WriteOptions = {}): void {
  const temp = tempBeside(file);
  try {
    const fd = fs.openSync(temp, 'wx', mode);
    try {
      fs.writeFileSync(fd, data);
      if (durable) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (exclusive) fs.linkSync(temp, file);
    else fs.renameSync(temp, file);
  } finally {
    if (exclusive || fs.existsSync(temp)) fs.rmSync(temp, { force: true });
  }
  if (durable) syncFolder(path.dirname(file));
}

/**
 * Puts at `file` a hard link to `source`, beside then renamed over the old one as writeWhole does: the same bytes
 * without writing them again. False, with `file` as it was, when the link cannot be made (`source` gone or on another
 * file system, or one without hard links); a failed rename throws.
 */
export function linkWhole(source: string, file: string): boolean {
  const temp = tempBeside(file);
  try {
    fs.linkSync(source, temp);
  } catch {
    return false;
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return true;
}

/** writeWhole without blocking the event loop (the pinger's store, lowdb adapters). */
export async function writeWholeAsync(file: string, data: string | Uint8Array, { durable = false, mode = 0o644 }: Omit<WriteOptions, 'exclusive'> = {}): Promise<void> {
  const temp = tempBeside(file);
  try {
    const handle = await fsp.open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, file);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  if (durable) syncFolder(path.dirname(file));
}

/** Makes a folder's entries (a rename into it) durable; a system that cannot fsync a folder is left as it is. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows and some network file systems refuse fsync on a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A large file's text: ASCII read as Latin-1, which costs a copy where UTF-8 costs a decoding (a 6 MB file: 1–15 ms
 * against 40–80 on the bench machine). Writers of such files can keep them ASCII with asciiJson.
 */
export function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** JSON as JSON.stringify writes it, with every character beyond ASCII escaped (`\u00e9`): the same value, read faster (readText). */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A file as it stands (inode, size, times): equal while nobody has written or replaced it. */
export function fileIdentity(stat: fs.Stats): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

/** fileIdentity of the file at `file`, or null when there is none. */
export async function fileIdentityOf(file: string): Promise<string | null> {
  try {
    return fileIdentity(await fsp.stat(file));
  } catch {
    return null;
  }
}

/** Every file under `dir` (links followed), as sorted relative paths with `/`. */
export function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, rel);
      const stat = entry.isSymbolicLink() ? fs.statSync(full, { throwIfNoEntry: false }) : entry;
      return stat?.isDirectory() ? listFiles(dir, rel) : stat?.isFile() ? [rel] : [];
    })
    .sort();
}

/** Copies the tree `from` into the new folder `to` as hard links: no byte is copied, and writing a file whole (writeWhole) in `to` leaves `from` unchanged. */
export function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isFile()) fs.linkSync(source, target);
  }
}
