import { z } from 'zod';
import { checkIdOf } from './check-schema';
import { id, incidentStatus, time } from './fields';
import type { Problem, YamlSource } from './problems';
import { closest } from './suggest';

/*
 * Cross-file and timeline rules. They read the raw YAML through lenient views (every field the real
 * schema's, but `.catch(null)` where the value is wrong), so they still run on a file zod rejected:
 * a bad `impact` and an unknown component come out in the same run. A value zod already reports
 * reads as null here and is skipped, so no problem is reported twice.
 */

const orNull = <T extends z.ZodType>(schema: T) => schema.nullable().catch(null);
const listOf = <T extends z.ZodType>(item: T) => z.array(item).catch([]);
/** Keys of a mapping; a non-mapping has none. */
const keysOf = z.record(z.string(), z.unknown()).catch({}).transform((r) => Object.keys(r));

const looseSite = z.object({
  groups: listOf(z.object({ id: orNull(id) }).catch({ id: null })),
  components: listOf(
    z
      .object({
        id: orNull(id),
        group: orNull(id),
        checks: listOf(z.object({ id: id.optional().catch(undefined) }).catch({})),
      })
      .catch({ id: null, group: null, checks: [] }),
  ),
  providers: listOf(z.object({ id: orNull(id) }).catch({ id: null })),
});

const looseIncident = z.object({
  startedAt: orNull(time),
  components: keysOf,
  updates: listOf(z.object({ at: orNull(time), status: orNull(incidentStatus), components: keysOf }).catch({ at: null, status: null, components: [] })),
});

const looseMaintenance = z.object({
  components: listOf(z.unknown()),
  start: orNull(time),
  end: orNull(time),
  updates: listOf(z.object({ at: orNull(time) }).catch({ at: null })),
});

/** Ids of the site's components as written, for the other files' rules; null when site.yaml lists none readable. */
export function knownComponentIds(siteData: unknown): string[] | null {
  const ids = looseSite.catch({ groups: [], components: [], providers: [] }).parse(siteData).components.flatMap((c) => (c.id ? [c.id] : []));
  return ids.length > 0 ? unique(ids) : null;
}

/** Rules zod cannot see inside site.yaml: duplicate group, component and check ids, unknown groups. */
export function checkSite(siteData: unknown, source: YamlSource): Problem[] {
  const site = looseSite.safeParse(siteData);
  if (!site.success) return [];
  const problems: Problem[] = [];
  const firstOf = new Map<string, string>();
  const duplicate = (kind: string, key: string, path: PropertyKey[], where: string) => {
    const first = firstOf.get(`${kind}:${key}`);
    if (first) problems.push(source.problem(path, `duplicate ${kind} id ${JSON.stringify(key)} (first used by ${first})`));
    else firstOf.set(`${kind}:${key}`, where);
  };
  const groupIds = unique(site.data.groups.flatMap((g) => (g.id ? [g.id] : [])));
  site.data.groups.forEach((g, i) => g.id && duplicate('group', g.id, ['groups', i, 'id'], `groups[${i}]`));
  site.data.components.forEach((c, i) => {
    if (c.group && !groupIds.includes(c.group)) problems.push(source.problem(['components', i, 'group'], unknown('group', c.group, groupIds)));
    if (!c.id) return;
    duplicate('component', c.id, ['components', i, 'id'], `components[${i}]`);
    c.checks.forEach((check, j) => duplicate('check', checkIdOf(c.id!, check, j), ['components', i, 'checks', j], `components[${i}].checks[${j}]`));
  });
  // A provider's results are stored under its id, beside the checks': the two must not share one.
  site.data.providers.forEach((p, i) => p.id && duplicate('check', p.id, ['providers', i, 'id'], `providers[${i}]`));
  return problems;
}

/** Cross-file and timeline rules for one incident; `componentIds` null skips the cross-file ones. */
export function checkIncident(data: unknown, componentIds: string[] | null, source: YamlSource): Problem[] {
  const incident = looseIncident.safeParse(data);
  if (!incident.success) return [];
  const { startedAt, components, updates } = incident.data;
  const problems: Problem[] = [];
  const unknownKeys = (keys: string[], path: PropertyKey[]) => {
    for (const key of keys) {
      if (componentIds && id.safeParse(key).success && !componentIds.includes(key)) {
        problems.push(source.problem([...path, key], unknown('component', key, componentIds), 'key'));
      }
    }
  };
  unknownKeys(components, ['components']);
  let resolved = false;
  let previous: { at: string; index: number } | null = null;
  updates.forEach((update, i) => {
    unknownKeys(update.components, ['updates', i, 'components']);
    if (update.at && startedAt && update.at < startedAt) {
      problems.push(source.problem(['updates', i, 'at'], `expected a time at or after startedAt (${startedAt}), got ${JSON.stringify(update.at)}`));
    }
    if (update.at && previous && update.at < previous.at) {
      problems.push(source.problem(['updates', i, 'at'], `expected a time at or after updates[${previous.index}].at (${previous.at}), got ${JSON.stringify(update.at)}`));
    }
    if (update.at) previous = { at: update.at, index: i };
    if (resolved && update.status && update.status !== 'resolved' && update.status !== 'postmortem') {
      problems.push(source.problem(['updates', i, 'status'], `expected resolved | postmortem after the incident was resolved, got ${JSON.stringify(update.status)}`));
    }
    if (update.status === 'resolved') resolved = true;
  });
  return problems;
}

/** Cross-file and window rules for one maintenance; `componentIds` null skips the cross-file ones. */
export function checkMaintenance(data: unknown, componentIds: string[] | null, source: YamlSource): Problem[] {
  const window = looseMaintenance.safeParse(data);
  if (!window.success) return [];
  const { components, start, end, updates } = window.data;
  const problems: Problem[] = [];
  components.forEach((key, i) => {
    const valid = id.safeParse(key);
    if (componentIds && valid.success && !componentIds.includes(valid.data)) {
      problems.push(source.problem(['components', i], unknown('component', valid.data, componentIds)));
    }
  });
  if (start && end && end <= start) {
    problems.push(source.problem(['end'], `expected a time after start (${start}), got ${JSON.stringify(end)}`));
  }
  let previous: { at: string; index: number } | null = null;
  updates.forEach((update, i) => {
    if (update.at && previous && update.at < previous.at) {
      problems.push(source.problem(['updates', i, 'at'], `expected a time at or after updates[${previous.index}].at (${previous.at}), got ${JSON.stringify(update.at)}`));
    }
    if (update.at) previous = { at: update.at, index: i };
  });
  return problems;
}

/** `unknown component "apii" (did you mean "api"?)`, or the known ids when nothing is close. */
export function unknown(kind: string, value: string, known: readonly string[]): string {
  const close = closest(value, known);
  if (close) return `unknown ${kind} ${JSON.stringify(value)} (did you mean ${JSON.stringify(close)}?)`;
  return `unknown ${kind} ${JSON.stringify(value)} (known: ${unique(known).join(', ') || 'none'})`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
