import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom, simulate } from '../lib/monitor/simulate';
import { emptyStore, readStoreSync, StoreError, validNoteFile } from '../lib/monitor/store';
import { fileIdentity, writeWholeAsync } from '../lib/files';
import { timeStoreReads } from './pinger';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-test-'));
  file = path.join(dir, 'bench.json');
  // Two days of one-minute checks for two components, written as a pinger writes them.
  const data = emptyStore('bench');
  const to = Date.parse('2026-11-23T12:00:00Z');
  simulate(data, { checks: [{ id: 'a', componentId: 'a', baseMs: 90 }, { id: 'b', componentId: 'b', baseMs: 240 }], from: to - 2 * 86_400_000, to, location: 'bench', rules: { failuresToOpen: 2, successesToClose: 1 }, random: seededRandom(2) });
  await writeWholeAsync(file, JSON.stringify(data));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the bench times a cold read of the data file, not the copy the store remembers', () => {
  it.each([1, 3])('%i cold read(s): each parses the file again, even right after a read left it remembered', (times) => {
    const remembered = readStoreSync(file)!;
    expect(readStoreSync(file)).toBe(remembered); // the trap: an unchanged file is not read again

    const { coldMs, rememberedMs } = timeStoreReads(file, times);
    expect(coldMs).toHaveLength(times);
    expect(rememberedMs).toHaveLength(times);

    // Had the cold reads gone through the remembered copy, this process would still hold that same object.
    const after = readStoreSync(file)!;
    expect(after).not.toBe(remembered);
    expect(after).toEqual(remembered);
  });

  it('validates on every cold read: a note that the file was found valid does not answer it', () => {
    readStoreSync(file);
    const note = validNoteFile(path.resolve(file));
    const { code } = JSON.parse(fs.readFileSync(note, 'utf8')) as { code: string };
    // JSON, but not a data file; noted valid as it is now, it would be read without validating.
    fs.writeFileSync(file, JSON.stringify({ ...emptyStore('bench'), results: [{ checkId: 'a', verdict: 'sideways' }] }));
    fs.writeFileSync(note, JSON.stringify({ code, identity: fileIdentity(fs.statSync(file)) }));
    expect(() => timeStoreReads(file, 1)).toThrow(StoreError);
  });

  it('refuses a file that is not there rather than timing nothing', () => {
    expect(() => timeStoreReads(path.join(dir, 'missing.json'), 1)).toThrow(/missing\.json: no data file to time/);
  });
});
