import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { impacts, incidentSchema, incidentStatuses, maintenanceSchema, maintenanceUpdateStatuses, splitFrontMatter, componentStatuses } from '../content';
import { componentIds, message, Random, randomIncident, randomMaintenance, timeAt, type Generated } from './random-entries.test-support';
import { frontMatterSpan, spliceFrontMatter, type FrontMatterEdit } from './splice';

/** The front matter's data, as the content loader reads it. */
function data(text: string): Record<string, unknown> {
  const parts = splitFrontMatter(text);
  if (!parts) throw new Error('no front matter');
  const doc = parseDocument(parts.yaml);
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return doc.toJS() as Record<string, unknown>;
}

/** Where, in the whole file, the top-level value of `key` is written (an edit of it may change these bytes only). */
function valueSpan(text: string, key: string): [number, number] | null {
  const span = frontMatterSpan(text);
  const node = parseDocument(text.slice(span.start, span.end)).get(key, true) as { range?: number[] } | undefined;
  return node?.range ? [span.start + node.range[0]!, span.start + node.range[1]!] : null;
}

/** The part of `before` that `after` does not share as a common prefix or suffix: [start, end) in `before`. */
function changedRegion(before: string, after: string): [number, number] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return [prefix, before.length - suffix];
}

/** A random edit the CLI makes to this file, and what its data must be afterwards. */
function randomEdit(random: Random, file: Generated, current: Record<string, unknown>): { edit: FrontMatterEdit; expected: Record<string, unknown> } {
  const updates = (current.updates as Record<string, unknown>[] | undefined) ?? [];
  const lastAt = updates.length > 0 ? Date.parse(updates.at(-1)!.at as string) : Date.UTC(2026, 2, 14);
  const hours = Math.max(file.hours, Math.ceil((lastAt - Date.UTC(2026, 2, 14)) / 3_600_000)) + random.int(0, 3);
  if (file.kind === 'incidents') {
    if (random.chance(0.3)) {
      const impact = random.pick(impacts);
      return { edit: { set: 'impact', value: impact }, expected: { ...current, impact } };
    }
    const resolved = updates.some((u) => u.status === 'resolved');
    const status = resolved ? random.pick(['resolved', 'postmortem']) : random.pick(incidentStatuses);
    const components = random.chance(0.4) ? Object.fromEntries(random.some(componentIds, 1).map((id) => [id, random.pick(componentStatuses)])) : undefined;
    const item = { at: timeAt(hours), status, message: message(random), ...(components ? { components } : {}) };
    return { edit: { append: 'updates', item }, expected: { ...current, updates: [...updates, item] } };
  }
  const start = Date.parse(current.start as string);
  const end = Date.parse(current.end as string);
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const choice = random.int(0, 2);
  if (choice === 0) {
    const value = iso(end + random.int(1, 4) * 3_600_000);
    return { edit: { set: 'end', value }, expected: { ...current, end: value } };
  }
  if (choice === 1) {
    const value = iso(start - random.int(0, 4) * 3_600_000);
    return { edit: { set: 'start', value }, expected: { ...current, start: value } };
  }
  const item = { at: timeAt(hours), ...(random.chance(0.6) ? { status: random.pick(maintenanceUpdateStatuses) } : {}), message: message(random) };
  return { edit: { append: 'updates', item }, expected: { ...current, updates: [...updates, item] } };
}

describe('spliceFrontMatter on random valid files', () => {
  // SPLICE_CASES=20000 runs more (about a minute here); 400 take about a second.
  const cases = Number(process.env.SPLICE_CASES ?? 400);
  it(`changes only the bytes of the change, and the data as meant (${cases} files, 1–4 edits each)`, { timeout: 600_000 }, () => {
    const seen = { flowLists: 0, blockScalars: 0, comments: 0, crlf: 0, inserted: 0, replaced: 0, newList: 0 };
    for (let seed = 1; seed <= cases; seed++) {
      const random = new Random(seed);
      const file = random.chance(0.55) ? randomIncident(random) : randomMaintenance(random);
      const schema = file.kind === 'incidents' ? incidentSchema : maintenanceSchema;
      let text = file.text;
      const context = () => `seed ${seed}:\n${text}`;
      expect(schema.safeParse(data(text)).success, context()).toBe(true);
      if (/: \[/.test(text)) seen.flowLists++;
      if (/: [|>]/.test(text)) seen.blockScalars++;
      if (text.includes('#')) seen.comments++;
      if (text.includes('\r\n')) seen.crlf++;

      for (let n = random.int(1, 4); n > 0; n--) {
        const { edit, expected } = randomEdit(random, file, data(text));
        const before = text;
        const after = spliceFrontMatter(before, [edit]);
        const [start, end] = changedRegion(before, after);
        if ('append' in edit) {
          // An item added: nothing of the file is removed or rewritten, only text inserted.
          if (!('updates' in data(before))) seen.newList++;
          expect(end - start, `${context()}\n--- became ---\n${after}`).toBeLessThanOrEqual(0);
          seen.inserted++;
        } else if (after !== before) {
          // A value replaced: the bytes that differ lie within the old value.
          const [from, to] = valueSpan(before, edit.set)!;
          expect(start, `${context()}\n--- became ---\n${after}`).toBeGreaterThanOrEqual(from);
          expect(end, `${context()}\n--- became ---\n${after}`).toBeLessThanOrEqual(to);
          seen.replaced++;
        }
        expect(data(after), `${context()}\n--- became ---\n${after}`).toEqual(expected);
        expect(schema.safeParse(data(after)).success).toBe(true);
        text = after;
      }
    }
    // The generator did vary what it is meant to vary.
    expect(Object.values(seen).every((count) => count > 10), JSON.stringify(seen)).toBe(true);
  });
});

describe('spliceFrontMatter, by example', () => {
  const file = (yaml: string, body = 'Body.\n') => `---\n${yaml}---\n${body}`;
  it.each([
    ['keeps a quoted value quoted and its aligned comment', "impact: 'minor'     # how bad\n", { set: 'impact', value: 'major' }, "impact: 'major'     # how bad\n"],
    ['keeps a double-quoted value double-quoted', 'end: "2026-03-14T02:00:00Z"\n', { set: 'end', value: '2026-03-14T03:00:00Z' }, 'end: "2026-03-14T03:00:00Z"\n'],
    ['adds a missing field after the last one, before a closing comment', 'title: X\n# the end\n', { set: 'impact', value: 'minor' }, 'title: X\nimpact: minor\n# the end\n'],
    ['adds an item to a list whose dash is at column 0', 'updates:\n- at: 2026-03-14T10:00:00Z\n  message: a\n', { append: 'updates', item: { at: '2026-03-14T11:00:00Z', message: 'b' } }, 'updates:\n- at: 2026-03-14T10:00:00Z\n  message: a\n- at: 2026-03-14T11:00:00Z\n  message: b\n'],
    ['adds after a kept (|+) block and its blank lines', 'updates:\n  - at: 2026-03-14T10:00:00Z\n    message: |+\n      a\n\n', { append: 'updates', item: { at: '2026-03-14T11:00:00Z', message: 'b' } }, 'updates:\n  - at: 2026-03-14T10:00:00Z\n    message: |+\n      a\n\n  - at: 2026-03-14T11:00:00Z\n    message: b\n'],
    ['adds to a flow list in flow style', 'updates: [ {at: 2026-03-14T10:00:00Z, message: a} ]  # one\n', { append: 'updates', item: { at: '2026-03-14T11:00:00Z', message: 'b, c' } }, 'updates: [ {at: 2026-03-14T10:00:00Z, message: a}, {at: 2026-03-14T11:00:00Z, message: "b, c"} ]  # one\n'],
    ['adds to an empty flow list', 'updates: []\n', { append: 'updates', item: { at: '2026-03-14T11:00:00Z', message: 'b' } }, 'updates: [{at: 2026-03-14T11:00:00Z, message: b}]\n'],
    ['keeps CRLF line endings', 'updates:\r\n  - at: 2026-03-14T10:00:00Z\r\n    message: a # x\r\n', { append: 'updates', item: { at: '2026-03-14T11:00:00Z', message: 'b\n\nc' } }, 'updates:\r\n  - at: 2026-03-14T10:00:00Z\r\n    message: a # x\r\n  - at: 2026-03-14T11:00:00Z\r\n    message: |-\r\n      b\r\n\r\n      c\r\n'],
  ] as [string, string, FrontMatterEdit, string][])('%s', (_name, yaml, edit, expected) => {
    const nl = yaml.includes('\r\n') ? '\r\n' : '\n';
    expect(spliceFrontMatter(file(yaml).replace(/\n/g, nl).replace(/\r\r/g, '\r'), [edit])).toBe(file(expected).replace(/\n/g, nl).replace(/\r\r/g, '\r'));
  });

  it('refuses a file without front matter', () => {
    expect(() => spliceFrontMatter('title: x\n', [{ set: 'title', value: 'y' }])).toThrow('no front matter');
  });
});
