import type { Component } from '../content';
import { channels, type Channel, type Subscriber } from './schema';
import { normaliseAddress } from './subscribers';

/**
 * Subscriber lists as CSV (RFC 4180): Outpost's own columns for backups and moves between hosts, and the
 * rows of a Statuspage subscriber import/export (`email,<address>,…`, `webhook,<url>,…`) for people moving
 * over. Secrets, nonces and token keys never go into a CSV.
 */

/** Parses RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** One CSV line; a field with a comma, quote or line break is quoted, and one starting with = + - @ is prefixed with ' (spreadsheet formula injection). */
export function csvLine(fields: readonly string[]): string {
  return fields
    .map((f) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f))
    .map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f))
    .join(',');
}

/** Outpost's columns. `components` is space-separated component ids; empty means the whole page. */
export const outpostColumns = ['channel', 'address', 'components', 'status', 'created_at', 'confirmed_at'] as const;

/** The list in Outpost's columns, with a header row. */
export function exportOutpost(subscribers: readonly Subscriber[]): string {
  const lines = [csvLine(outpostColumns), ...subscribers.map((s) => csvLine([s.channel, s.address, s.components.join(' '), s.status, s.createdAt, s.confirmedAt ?? '']))];
  return lines.join('\r\n') + '\r\n';
}

/**
 * The list as Statuspage import rows: `email,<address>,<skip confirmation yes/no>,<component ids…>` and
 * `webhook,<endpoint>,<email for failures (empty)>,<component ids…>`. Chat subscriptions have no Statuspage
 * CSV form and are left out.
 */
export function exportStatuspage(subscribers: readonly Subscriber[]): string {
  const rows = subscribers.flatMap((s) => {
    if (s.channel === 'email') return [csvLine(['email', s.address, s.status === 'active' ? 'yes' : 'no', ...s.components])];
    if (s.channel === 'webhook') return [csvLine(['webhook', s.address, '', ...s.components])];
    return [];
  });
  return rows.join('\r\n') + (rows.length ? '\r\n' : '');
}

/** A row read from a CSV, before it joins the list. */
export type ImportRow = { line: number; channel: Channel; address: string; components: string[]; active: boolean };

/** What an import found: rows to add, and one message per row it could not take (`file:line: …`). */
export type ImportResult = { rows: ImportRow[]; problems: string[] };

/**
 * Reads Outpost's CSV (a header naming `channel` and `address`), a Statuspage export with a header
 * (`email` or `endpoint` columns; `components` by id or name), or Statuspage import rows (first field
 * `email`, `webhook`, `sms`, `slack`). Component ids or names that the site does not have are reported.
 * Rows are active when the file says they confirmed (Outpost `status`, Statuspage "skip confirmation" = yes)
 * or `confirmed` is set; otherwise pending.
 */
export function readSubscriberCsv(text: string, file: string, components: readonly Pick<Component, 'id' | 'name'>[], confirmed: boolean): ImportResult {
  const rows = parseCsv(text);
  const problems: string[] = [];
  const result: ImportRow[] = [];
  const byKey = new Map(components.flatMap((c) => [[c.id.toLowerCase(), c.id] as const, [c.name.toLowerCase(), c.id] as const]));
  const componentIds = (values: string[], line: number) =>
    values
      .flatMap((v) => v.split(/[\s;|]+/))
      .map((v) => v.trim())
      .filter(Boolean)
      .flatMap((v) => {
        const found = byKey.get(v.toLowerCase());
        if (!found) problems.push(`${file}:${line}: unknown component "${v}" (known: ${components.map((c) => c.id).join(', ')}); left out`);
        return found ? [found] : [];
      });
  const add = (line: number, channel: Channel, rawAddress: string, comps: string[], active: boolean) => {
    const address = normaliseAddress(channel, rawAddress);
    if (!address) return void problems.push(`${file}:${line}: not a valid ${channel === 'email' ? 'email address' : 'http(s) URL'}: ${JSON.stringify(rawAddress.slice(0, 80))}`);
    result.push({ line, channel, address, components: comps, active: active || confirmed });
  };

  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  // Import rows have no header: a type word, then an address or number.
  const positional = ['email', 'sms', 'webhook', 'slack', 'teams'].includes(header[0] ?? '') && /[@:\d]/.test(rows[0]?.[1] ?? '');
  if (positional) {
    rows.forEach((r, i) => {
      const line = i + 1;
      const type = (r[0] ?? '').trim().toLowerCase();
      if (type === 'email') add(line, 'email', r[1] ?? '', componentIds(r.slice(3), line), (r[2] ?? '').trim().toLowerCase() === 'yes');
      else if (type === 'webhook') add(line, 'webhook', r[1] ?? '', componentIds(r.slice(3), line), true);
      else problems.push(`${file}:${line}: ${type ? `"${type}" subscribers have` : 'an empty row has'} no Outpost channel (email, webhook); left out`);
    });
  } else if (header.includes('channel') && header.includes('address')) {
    const col = (name: string) => header.indexOf(name);
    rows.slice(1).forEach((r, i) => {
      const line = i + 2;
      const channel = r[col('channel')]?.trim() as Channel;
      if (!channels.includes(channel)) return void problems.push(`${file}:${line}: channel: expected ${channels.join(' | ')}, got ${JSON.stringify(channel)}`);
      add(line, channel, r[col('address')] ?? '', componentIds([r[col('components')] ?? ''], line), r[col('status')]?.trim() === 'active');
    });
  } else if (header.includes('email') || header.includes('endpoint')) {
    const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
    const mode = col('mode', 'type', 'subscriber_type');
    rows.slice(1).forEach((r, i) => {
      const line = i + 2;
      const type = (r[mode] ?? '').trim().toLowerCase();
      const email = r[col('email')]?.trim() ?? '';
      const endpoint = r[col('endpoint')]?.trim() ?? '';
      const comps = componentIds([r[col('components', 'component_ids')] ?? ''], line);
      const quarantined = (r[col('quarantined_at')] ?? '').trim() !== '';
      if (quarantined) return void problems.push(`${file}:${line}: quarantined in Statuspage (mail bounced); left out`);
      if (type === 'webhook' || (!type && endpoint)) add(line, 'webhook', endpoint, comps, true);
      else if (type === 'email' || (!type && email)) add(line, 'email', email, comps, true);
      else problems.push(`${file}:${line}: ${type || 'this'} subscriber has no Outpost channel; left out`);
    });
  } else {
    problems.push(`${file}:1: not a subscriber list: expected a header with channel and address (Outpost), email or endpoint (Statuspage export), or rows starting with email or webhook (Statuspage import)`);
  }
  return { rows: result, problems };
}
