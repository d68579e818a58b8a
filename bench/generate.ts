// Generates a content/ and data/ tree of a given size for the bench: components in groups, incidents with
// timelines and postmortems, maintenance windows, 90 days of monitoring. Deterministic for a given size and `now`.
import fs from 'node:fs';
import path from 'node:path';
import { emptyStore } from '../lib/monitor/store';
import { seededRandom, simulate } from '../lib/monitor/simulate';
import { because } from '../lib/status/reason';

export type GenerateOptions = {
  /** Incident files to write. */
  incidents: number;
  /** Components on the page (in groups of ten). */
  components: number;
  /** The build's moment: incidents reach back from it, a few are open at it. */
  now: Date;
};

const HOUR_MS = 3_600_000;
/** One incident every 7 hours: 1,000 incidents span ten months, 10,000 eight years. */
const INCIDENT_SPACING_MS = 7 * HOUR_MS;
/** Incidents still open at `now` (the newest ones). */
const OPEN_INCIDENTS = 2;

const impacts = ['minor', 'major', 'critical', 'none'] as const;
const statuses = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
const causes = [
  'a configuration change that removed healthy targets from the load balancer',
  'a full disk on a primary database replica',
  'an expired TLS certificate on an internal service',
  'a dependency upstream answering slowly',
  'a deploy that exhausted the connection pool',
];

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function componentId(i: number): string {
  return `service-${String(i + 1).padStart(2, '0')}`;
}

function siteYaml(components: number): string {
  const groups = Math.ceil(components / 10);
  const lines = [
    'name: Bench Status',
    'url: https://status.bench.example',
    'description: A generated site for the Outpost bench.',
    'groups:',
  ];
  for (let g = 0; g < groups; g += 1) lines.push(`  - id: group-${g + 1}`, `    name: Group ${g + 1}`);
  lines.push('components:');
  for (let c = 0; c < components; c += 1) {
    lines.push(
      `  - id: ${componentId(c)}`,
      `    name: Service ${c + 1}`,
      `    description: Generated component number ${c + 1}.`,
      `    group: group-${Math.floor(c / 10) + 1}`,
      '    checks:',
      '      - type: http',
      `        url: https://service-${c + 1}.bench.example/health`,
    );
  }
  lines.push('monitoring:', '  intervalSeconds: 60');
  return `${lines.join('\n')}\n`;
}

function incidentFile(i: number, components: number, nowMs: number): { name: string; text: string } {
  const began = nowMs - (i + 1) * INCIDENT_SPACING_MS;
  const open = i < OPEN_INCIDENTS;
  const affected = [componentId((i * 7) % components), componentId((i * 13 + 3) % components)];
  const cause = causes[i % causes.length];
  const steps: [string, string][] = [
    ['investigating', `We are investigating errors on ${affected[0]}.`],
    ['identified', `The cause is ${cause}. A fix is being rolled out.`],
    ['monitoring', 'The fix is in place and error rates are back to normal. We are watching closely.'],
    ['resolved', 'This incident is resolved. Thank you for your patience.'],
  ];
  const updates = open ? steps.slice(0, 2) : steps.slice(0, 2 + (i % 3));
  if (!open && updates.at(-1)?.[0] !== 'resolved') updates.push(steps[3]!);
  const date = iso(began).slice(0, 10);
  const lines = [
    '---',
    `title: Elevated errors on ${affected[0]} (${i + 1})`,
    `impact: ${impacts[i % impacts.length]}`,
    'components:',
    ...[...new Set(affected)].map((id, k) => `  ${id}: ${statuses[(i + k) % statuses.length]}`),
    'updates:',
    ...updates.flatMap(([status, message], k) => [
      `  - at: ${iso(began + k * 20 * 60_000)}`,
      `    status: ${status}`,
      `    message: ${message}`,
    ]),
    '---',
  ];
  if (!open && i % 4 === 0) {
    lines.push(
      '## Summary',
      '',
      `For ${20 * updates.length} minutes some requests to ${affected[0]} failed after ${cause}.`,
      'No data was lost; requests retried by clients succeeded.',
      '',
      '## Follow-up',
      '',
      '- Alert on the symptom sooner.',
      '- Add a canary step that refuses the faulty change.',
    );
  }
  return { name: `${date}-incident-${String(i + 1).padStart(5, '0')}.md`, text: `${lines.join('\n')}\n` };
}

function maintenanceFile(i: number, components: number, nowMs: number): { name: string; text: string } {
  // One window a month back from now, plus one upcoming.
  const start = nowMs + (1 - i) * 30 * 24 * HOUR_MS;
  const text = [
    '---',
    `title: Planned upgrade ${i + 1}`,
    `components: [${componentId(i % components)}]`,
    `start: ${iso(start)}`,
    `end: ${iso(start + 2 * HOUR_MS)}`,
    'description: We upgrade the servers behind this component. Requests may be slow for a few seconds.',
    '---',
  ].join('\n');
  return { name: `${iso(start).slice(0, 10)}-upgrade-${i + 1}.md`, text: `${text}\n` };
}

/** Writes `<dir>/content/` for a site of the given size; returns the content and data folders. */
export function generateSite(dir: string, options: GenerateOptions): { content: string; data: string } {
  const content = path.join(dir, 'content');
  const data = path.join(dir, 'data');
  fs.mkdirSync(path.join(content, 'incidents'), { recursive: true });
  fs.mkdirSync(path.join(content, 'maintenance'), { recursive: true });
  fs.mkdirSync(data, { recursive: true });
  fs.writeFileSync(path.join(content, 'site.yaml'), siteYaml(options.components));
  const nowMs = options.now.getTime();
  for (let i = 0; i < options.incidents; i += 1) {
    const { name, text } = incidentFile(i, options.components, nowMs);
    fs.writeFileSync(path.join(content, 'incidents', name), text);
  }
  const windows = Math.max(2, Math.ceil(options.incidents / 100));
  for (let i = 0; i < windows; i += 1) {
    const { name, text } = maintenanceFile(i, options.components, nowMs);
    fs.writeFileSync(path.join(content, 'maintenance', name), text);
  }
  fs.writeFileSync(path.join(data, 'bench.json'), monitoringData(options.components, nowMs));
  return { content, data };
}

const simulated = new Map<string, string>();

/**
 * 90 days of monitoring for every component, made by the pinger's store code from synthetic rounds (every
 * 5 minutes, so it takes seconds; the file's size and the bars do not depend on the rate), with a
 * half-hour outage on a different day for each component every 17 days. Made once per size and moment.
 */
function monitoringData(components: number, nowMs: number): string {
  const key = `${components}@${nowMs}`;
  let text = simulated.get(key);
  if (!text) {
    const data = emptyStore('bench');
    simulate(data, {
      checks: Array.from({ length: components }, (_, i) => ({ id: componentId(i), componentId: componentId(i), baseMs: 80 + 3 * i, intervalSeconds: 300 })),
      from: nowMs - 90 * 86_400_000,
      to: nowMs - 60_000,
      location: 'bench',
      rules: { failuresToOpen: 2, successesToClose: 1 },
      random: seededRandom(components),
      scenario: (checkId, at) =>
        Math.floor(at / 86_400_000) % 17 === Number(checkId.slice(-2)) % 17 && at % 86_400_000 < 1_800_000 ? { verdict: 'down', why: [because.httpUnexpected(503, '2xx')], totalMs: 30 } : null,
    });
    text = JSON.stringify(data);
    simulated.set(key, text);
  }
  return text;
}

/**
 * Posts an update to the newest incident, as staff do between two builds: its status becomes `monitoring`, at
 * `at`. Returns the file it changed.
 */
export function postUpdate(contentDir: string, at: Date): string {
  const dir = path.join(contentDir, 'incidents');
  const newest = fs.readdirSync(dir).find((name) => name.endsWith('-incident-00001.md'));
  if (!newest) throw new Error(`no newest incident in ${dir}`);
  const file = path.join(dir, newest);
  const [, header, body] = fs.readFileSync(file, 'utf8').split(/^---$/m);
  const update = [`  - at: ${iso(at.getTime() - (at.getTime() % 1000))}`, '    status: monitoring', '    message: A fix is in place. We are watching error rates.'];
  fs.writeFileSync(file, `---${header!.trimEnd()}\n${update.join('\n')}\n---${body}`);
  return file;
}
