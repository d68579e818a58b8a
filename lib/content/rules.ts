import { checkIdOf } from './check-schema';
import type { Problem, YamlSource } from './problems';
import type { Incident, Maintenance, Site } from './schema';

/** Rules zod cannot see inside site.yaml: duplicate ids and unknown groups. */
export function checkSite(site: Site, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const firstOf = new Map<string, string>();
  const duplicate = (kind: string, key: string, path: PropertyKey[], where: string) => {
    const first = firstOf.get(`${kind}:${key}`);
    if (first) problems.push(source.problem(path, `duplicate ${kind} id ${JSON.stringify(key)} (first used by ${first})`));
    else firstOf.set(`${kind}:${key}`, where);
  };
  site.groups.forEach((g, i) => duplicate('group', g.id, ['groups', i, 'id'], `groups[${i}]`));
  const groupIds = site.groups.map((g) => g.id);
  site.components.forEach((c, i) => {
    duplicate('component', c.id, ['components', i, 'id'], `components[${i}]`);
    if (c.group && !groupIds.includes(c.group)) {
      problems.push(source.problem(['components', i, 'group'], unknown('group', c.group, groupIds)));
    }
    c.checks.forEach((check, j) => duplicate('check', checkIdOf(c.id, check, j), ['components', i, 'checks', j], `components[${i}].checks[${j}]`));
  });
  return problems;
}

/** Cross-file and timeline rules for one incident. */
export function checkIncident(incident: Incident, site: Site, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const componentIds = site.components.map((c) => c.id);
  for (const key of Object.keys(incident.components)) {
    if (!componentIds.includes(key)) problems.push(source.problem(['components', key], unknown('component', key, componentIds), 'key'));
  }
  let resolvedAt: number | null = null;
  incident.updates.forEach((update, i) => {
    for (const key of Object.keys(update.components ?? {})) {
      if (!componentIds.includes(key)) problems.push(source.problem(['updates', i, 'components', key], unknown('component', key, componentIds), 'key'));
    }
    const at = Date.parse(update.at);
    if (incident.startedAt && at < Date.parse(incident.startedAt)) {
      problems.push(source.problem(['updates', i, 'at'], `an update before the incident began (startedAt ${incident.startedAt}), got ${JSON.stringify(update.at)}`));
    }
    const previous = incident.updates[i - 1];
    if (previous && at < Date.parse(previous.at)) {
      problems.push(source.problem(['updates', i, 'at'], `expected a time at or after updates[${i - 1}].at (${previous.at}), got ${JSON.stringify(update.at)}`));
    }
    if (resolvedAt !== null && update.status !== 'resolved' && update.status !== 'postmortem') {
      problems.push(source.problem(['updates', i, 'status'], `expected resolved | postmortem after the incident was resolved, got ${JSON.stringify(update.status)}`));
    }
    if (update.status === 'resolved' && resolvedAt === null) resolvedAt = at;
  });
  return problems;
}

/** Cross-file and window rules for one maintenance. */
export function checkMaintenance(window: Maintenance, site: Site, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const componentIds = site.components.map((c) => c.id);
  window.components.forEach((key, i) => {
    if (!componentIds.includes(key)) problems.push(source.problem(['components', i], unknown('component', key, componentIds)));
  });
  if (Date.parse(window.end) <= Date.parse(window.start)) {
    problems.push(source.problem(['end'], `expected a time after start (${window.start}), got ${JSON.stringify(window.end)}`));
  }
  window.updates.forEach((update, i) => {
    const previous = window.updates[i - 1];
    if (previous && Date.parse(update.at) < Date.parse(previous.at)) {
      problems.push(source.problem(['updates', i, 'at'], `expected a time at or after updates[${i - 1}].at (${previous.at}), got ${JSON.stringify(update.at)}`));
    }
  });
  return problems;
}

/** `unknown component "apii" (did you mean "api"?)`, or the known ids when nothing is close. */
export function unknown(kind: string, value: string, known: readonly string[]): string {
  const close = closest(value, known);
  if (close) return `unknown ${kind} ${JSON.stringify(value)} (did you mean ${JSON.stringify(close)}?)`;
  return `unknown ${kind} ${JSON.stringify(value)} (known: ${known.join(', ') || 'none'})`;
}

/** The known id within a small edit distance of value, if any. */
function closest(value: string, known: readonly string[]): string | null {
  let best: { id: string; distance: number } | null = null;
  for (const id of known) {
    const distance = editDistance(value, id);
    if (distance <= Math.max(1, Math.floor(id.length / 3)) && (!best || distance < best.distance)) best = { id, distance };
  }
  return best?.id ?? null;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
