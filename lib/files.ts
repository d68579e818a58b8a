import fs from 'node:fs';
import path from 'node:path';

/**
 * File plumbing every module shares: whole writes (a reader sees the old file or the new one, never half of one),
 * with the durable guarantee where data is at stake, the identity of a file as it stands, and a folder's listing.
 */

/**
 * Writes `file` beside, then renames it over the old one. With `durable`, the data and the folder entry are on the
 * disk (fsync) before it returns: for data that must survive a power cut (content, monitoring data). A failure
 * throws and leaves the old file as it was, and no temp file behind.
 */
export function writeWhole(file: string, data: string | Uint8Array, { durable = false } = {}): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    if (durable) {
      const fd = fs.openSync(temp, 'w');
      try {
        fs.writeFileSync(fd, data);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } else {
      fs.writeFileSync(temp, data);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
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
    // Some file systems refuse fsync on a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A file as it stands (inode, size, times): equal while nobody has written or replaced it. */
export function fileIdentity(stat: fs.Stats): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
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
