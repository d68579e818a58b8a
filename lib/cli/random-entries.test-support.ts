import { componentStatuses, impacts, incidentStatuses, maintenanceUpdateStatuses } from '../content';

/**
 * Random valid incident and maintenance files written the many ways a person writes YAML: comments (own
 * line, trailing, aligned), blank lines, any key order, plain, single- and double-quoted scalars, folded and
 * literal block scalars with every chomping, multi-line plain scalars, flow and block maps and lists, odd
 * indentation, CRLF line endings, a byte-order mark, a markdown body. For the byte-exact splice tests.
 */

/** A seeded random source (mulberry32): a failing case is replayed from its seed. */
export class Random {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Some of the items, in a random order, at least `min`. */
  some<T>(items: readonly T[], min = 0): T[] {
    const shuffled = this.shuffle(items);
    return shuffled.slice(0, this.int(Math.min(min, items.length), items.length));
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

export const componentIds = ['api', 'web', 'db', 'email', 'cdn'] as const;

const words = ['API', 'errors', 'are', 'up', 'the', 'queue', 'is', 'slow', 'we', 'restarted', 'it', 'Dashboard', 'sign-in', 'fails', '30%', 'of', 'requests', 'retry', 'works'];
const oddWords = ['a: b', '#hash', 'x # y', "it's", '"quoted"', '[list]', '{map}', 'ünïcode', 'tab\there', '- dash', '*star*', 'back\\slash', '@at', '`code`', '!bang', '&amp', '%pct', 'yes', 'null', '12'];

/** Words for a message or title; sometimes with characters YAML treats specially. */
export function sentence(random: Random, odd = true): string {
  const count = random.int(1, 8);
  return Array.from({ length: count }, () => (odd && random.chance(0.15) ? random.pick(oddWords) : random.pick(words))).join(' ');
}

/** A markdown message of one or several lines (paragraphs, list items). */
export function message(random: Random): string {
  if (random.chance(0.6)) return sentence(random);
  const lines: string[] = [];
  for (let i = random.int(2, 4); i > 0; i--) lines.push(random.chance(0.25) ? '' : `${random.chance(0.2) ? '- ' : ''}${sentence(random)}`);
  lines.push(sentence(random));
  return lines.join('\n').replace(/^\n+/, '');
}

/** An ISO time with Z, `hours` after 2026-03-14T00:00Z. */
export function timeAt(hours: number): string {
  return new Date(Date.UTC(2026, 2, 14) + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
}

type Style = { random: Random; nl: string };

/** A one-line string as a YAML scalar: plain when plain reads back the same, else quoted. */
function inline({ random }: Style, value: string): string {
  const plainSafe = /^[A-Za-z0-9][A-Za-z0-9 .,%'()/-]*$/.test(value) && !/\s$/.test(value) && !/^(yes|no|true|false|null|~|\d+(\.\d+)?)$/i.test(value);
  const style = plainSafe ? random.pick(['plain', 'plain', 'single', 'double']) : random.pick(['single', 'double']);
  if (style === 'plain') return value;
  if (style === 'single' && !/[\t]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** ` # comment`, aligned with a random run of spaces, or nothing. */
function trailing({ random }: Style): string {
  return random.chance(0.3) ? `${' '.repeat(random.int(1, 6))}# ${sentence(random, false)}` : '';
}

/** Blank lines and comment lines between entries, at the given indent. */
function between(style: Style, indent: string): string[] {
  const { random } = style;
  const lines: string[] = [];
  while (random.chance(0.2)) lines.push(random.chance(0.5) ? '' : `${random.chance(0.7) ? indent : ''}# ${sentence(random, false)}`);
  return lines;
}

/** `key: value` lines for a message at `indent`: any scalar style, block scalars with any chomping. */
function messageLines(style: Style, indent: string, key: string, text: string, last: boolean): string[] {
  const { random } = style;
  const multi = text.includes('\n');
  const choice = random.pick(multi ? ['block', 'block', 'block', 'double', 'plain-multi'] : ['inline', 'inline', 'block', 'plain-multi']);
  const foldable = /^[A-Za-z][A-Za-z0-9,.'-]* [A-Za-z0-9 ,.'-]*[A-Za-z0-9.]$/.test(text.replace(/\n+/g, ' '));
  if (choice === 'inline' || (choice === 'plain-multi' && !foldable)) {
    return [`${indent}${key}: ${multi ? JSON.stringify(text) : inline(style, text)}${trailing(style)}`];
  }
  if (choice === 'double') return [`${indent}${key}: ${JSON.stringify(text)}${trailing(style)}`];
  const deeper = indent + ' '.repeat(random.int(1, 4));
  if (choice === 'plain-multi') {
    // A plain scalar folded over lines reads back with single spaces: only for text without line breaks.
    const spaced = text.replace(/\n+/g, ' ');
    const parts = spaced.split(' ');
    const cut = random.int(1, parts.length - 1);
    const first = parts.slice(0, cut).join(' ');
    const rest = parts.slice(cut).join(' ');
    return [`${indent}${key}: ${first}`, `${deeper}${rest}`];
  }
  // A block scalar: literal keeps the lines; folded needs them apart by blank lines to keep them.
  const literal = random.chance(0.6);
  const chomp = random.pick(['', '-', '+']);
  const body = text.split('\n').map((line) => (line === '' ? '' : deeper + line));
  const header = `${indent}${key}: ${literal ? '|' : '>'}${chomp}${trailing(style)}`;
  // A kept ("+") ending carries its blank lines into the value; only where nothing follows at the same level matters not.
  const tail = chomp === '+' && !last ? [] : random.chance(0.3) ? [''] : [];
  return [header, ...body, ...tail];
}

/** A mapping of component id → status at `indent`, in flow or block style. */
function statusMapLines(style: Style, indent: string, key: string, map: Record<string, string>): string[] {
  const { random } = style;
  const entries = Object.entries(map);
  if (entries.length === 0) return [`${indent}${key}: {}${trailing(style)}`];
  if (random.chance(0.5)) {
    const pad = random.pick(['', ' ']);
    return [`${indent}${key}: {${pad}${entries.map(([k, v]) => `${k}: ${v}`).join(random.pick([', ', ',  ']))}${pad}}${trailing(style)}`];
  }
  const deeper = indent + ' '.repeat(random.int(1, 4));
  return [`${indent}${key}:${trailing(style)}`, ...entries.flatMap(([k, v]) => [...between(style, deeper), `${deeper}${k}: ${v}${trailing(style)}`])];
}

type Update = { at: string; status?: string; message: string; components?: Record<string, string> };

/** One list item (`- at: …` lines, or a flow map) of a block list whose dash is at `indent`. */
function updateItemLines(style: Style, indent: string, update: Update, last: boolean): string[] {
  const { random } = style;
  if (random.chance(0.2)) return [`${indent}- ${flowMap(update)}${trailing(style)}`];
  const gap = ' '.repeat(random.int(1, 3));
  const inner = indent + ' ' + gap;
  const keys = random.shuffle(Object.keys(update) as (keyof Update)[]);
  const lines: string[] = [];
  keys.forEach((key, i) => {
    const isLast = last && i === keys.length - 1;
    const own =
      key === 'message'
        ? messageLines(style, inner, 'message', update.message, isLast)
        : key === 'components'
          ? statusMapLines(style, inner, 'components', update.components!)
          : [`${inner}${key}: ${inline(style, update[key]!)}${trailing(style)}`];
    if (i > 0) lines.push(...between(style, inner));
    lines.push(...own);
  });
  lines[0] = `${indent}-${gap}${lines[0]!.slice(inner.length)}`;
  return lines;
}

/** `{at: …, message: "…"}`: a flow map on one line, every string double-quoted. */
function flowMap(value: Record<string, unknown>): string {
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : flowMap(v as Record<string, unknown>)}`)
    .join(', ')}}`;
}

/** A top-level list of updates, in any of the styles. */
function updatesLines(style: Style, key: string, updates: Update[], last: boolean): string[] {
  const { random } = style;
  if (updates.length === 0) return [`${key}: [${random.pick(['', ' '])}]${trailing(style)}`];
  if (random.chance(0.2)) {
    const items = updates.map(flowMap);
    if (random.chance(0.5)) return [`${key}: [${items.join(', ')}${random.pick(['', ','])}]${trailing(style)}`];
    const inner = ' '.repeat(random.int(1, 4));
    return [`${key}: [${trailing(style)}`, ...items.map((item, i) => `${inner}${item}${i < items.length - 1 || random.chance(0.5) ? ',' : ''}${trailing(style)}`), ']'];
  }
  const indent = ' '.repeat(random.pick([0, 2, 2, 4]));
  const lines = [`${key}:${trailing(style)}`];
  updates.forEach((update, i) => {
    if (i > 0) lines.push(...between(style, indent));
    lines.push(...updateItemLines(style, indent, update, last && i === updates.length - 1));
  });
  if (random.chance(0.2)) lines.push(`${indent}# ${sentence(random, false)}`);
  return lines;
}

export type Generated = { kind: 'incidents' | 'maintenance'; text: string; hours: number };

/** A random valid incident file; `hours` is the time of its last update (hours after 2026-03-14T00:00Z). */
export function randomIncident(random: Random): Generated {
  let hours = random.int(0, 100);
  const resolvedAt = random.chance(0.4) ? random.int(0, 4) : -1;
  const updates: Update[] = [];
  for (let i = random.int(1, 5) - 1; i >= 0; i--) {
    hours += random.int(0, 3);
    const done = resolvedAt >= 0 && updates.length >= resolvedAt;
    const status = done ? (updates.some((u) => u.status === 'resolved') ? random.pick(['resolved', 'postmortem']) : 'resolved') : random.pick(incidentStatuses.filter((s) => s !== 'resolved' && s !== 'postmortem'));
    const components = random.chance(0.3) ? Object.fromEntries(random.some(componentIds, 1).map((id) => [id, random.pick(componentStatuses)])) : undefined;
    updates.push({ at: timeAt(hours), status, message: message(random), ...(components ? { components } : {}) });
  }
  const fields: Record<string, unknown> = {
    title: sentence(random),
    impact: random.pick(impacts),
    updates,
    ...(random.chance(0.8) ? { components: Object.fromEntries(random.some(componentIds).map((id) => [id, random.pick(componentStatuses)])) } : {}),
  };
  return { kind: 'incidents', text: entryFile(random, fields), hours };
}

/** A random valid maintenance file; `hours` is the time of its last update or its start. */
export function randomMaintenance(random: Random): Generated {
  let hours = random.int(0, 100);
  const fields: Record<string, unknown> = { title: sentence(random), components: random.some(componentIds, 1), start: timeAt(hours), end: timeAt(hours + random.int(1, 5)) };
  if (random.chance(0.5)) fields.description = message(random);
  if (random.chance(0.7)) {
    const updates: Update[] = [];
    for (let i = random.int(0, 3); i > 0; i--) {
      hours += random.int(0, 2);
      updates.push({ at: timeAt(hours), ...(random.chance(0.6) ? { status: random.pick(maintenanceUpdateStatuses) } : {}), message: message(random) });
    }
    fields.updates = updates;
  }
  return { kind: 'maintenance', text: entryFile(random, fields), hours };
}

/** `---`, the fields in a random order and style, `---`, a body. */
function entryFile(random: Random, fields: Record<string, unknown>): string {
  const style: Style = { random, nl: random.chance(0.15) ? '\r\n' : '\n' };
  const lines = random.chance(0.08) ? flowRoot(style, fields) : blockRoot(style, fields);
  const body = random.pick(['', '', `## Summary${style.nl}${style.nl}${sentence(random)}${style.nl}`, `${sentence(random)}${style.nl}- ${sentence(random)}${style.nl}`, `${sentence(random)}`]);
  return `${random.chance(0.05) ? '\uFEFF' : ''}---${style.nl}${lines.map((l) => l + style.nl).join('')}---${style.nl}${body}`;
}

function blockRoot(style: Style, fields: Record<string, unknown>): string[] {
  const { random } = style;
  const keys = random.shuffle(Object.keys(fields));
  const lines: string[] = random.chance(0.3) ? [`# ${sentence(random, false)}`] : [];
  keys.forEach((key, i) => {
    const value = fields[key];
    const last = i === keys.length - 1;
    if (i > 0) lines.push(...between(style, ''));
    if (key === 'updates') lines.push(...updatesLines(style, key, value as Update[], last));
    else if (key === 'components' && Array.isArray(value)) lines.push(...listLines(style, key, value as string[]));
    else if (key === 'components') lines.push(...statusMapLines(style, '', key, value as Record<string, string>));
    else if (key === 'description') lines.push(...messageLines(style, '', key, value as string, last));
    else lines.push(`${key}:${' '.repeat(random.int(1, 3))}${inline(style, value as string)}${trailing(style)}`);
  });
  if (random.chance(0.2)) lines.push(`# ${sentence(random, false)}`);
  return lines;
}

/** A list of ids: `[a, b]` or `- a` lines. */
function listLines(style: Style, key: string, values: string[]): string[] {
  const { random } = style;
  if (random.chance(0.5)) return [`${key}: [${values.join(random.pick([', ', ','])) }]${trailing(style)}`];
  const indent = ' '.repeat(random.pick([0, 2, 4]));
  return [`${key}:${trailing(style)}`, ...values.map((v) => `${indent}- ${v}${trailing(style)}`)];
}

/** The whole front matter as one flow mapping, over one line or several. */
function flowRoot(style: Style, fields: Record<string, unknown>): string[] {
  const { random } = style;
  const entries = random.shuffle(Object.entries(fields)).map(([k, v]) => `${k}: ${flowValue(v)}`);
  if (random.chance(0.5)) return [`{${entries.join(', ')}}`];
  return ['{', ...entries.map((e, i) => `  ${e}${i < entries.length - 1 ? ',' : ''}${trailing(style)}`), '}'];
}

function flowValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(flowValue).join(', ')}]`;
  return flowMap(value as Record<string, unknown>);
}
