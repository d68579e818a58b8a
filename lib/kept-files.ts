import fs from 'node:fs';
import path from 'node:path';
import { writeWhole } from './files';

/**
 * Files kept between runs only to save work (the content entry cache, incident images): written whole or not
 * at all, and forgotten when no run has used them for a while. Losing one only makes the next run slower.
 */

/** How long a kept file that no run has used (a temp copy's cache, an incident's old image) stays. */
const KEPT_DAYS = 30;

/** Writes `file` beside, then renames it: a kill or a full disk leaves no half file. False when it could not be written. */
export function keepFile(file: string, data: string | Buffer): boolean {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeWhole(file, data);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes the files of `dir` that `forget` picks, given each name and whether it went unmodified for
 * KEPT_DAYS. A folder that does not exist has nothing to forget.
 */
export function forgetFiles(dir: string, forget: (name: string, unused: boolean) => boolean): void {
  const before = Date.now() - KEPT_DAYS * 86_400_000;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const unused = (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < before;
    if (forget(name, unused)) fs.rmSync(file, { force: true });
  }
}
