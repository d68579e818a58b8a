import type { SpanSource } from '../status';
import type { Report } from './report';

/**
 * A report as CSV: `#` lines first (the site, the period and every accounting rule), then one table. Each
 * component has a `component` row with its totals, then a `lost` row per stretch that cost uptime (their
 * `lost_seconds` add up to the component's) and a `left_out` row per stretch counted neither way.
 */
export const csvColumns = [
  'kind',
  'component',
  'name',
  'from',
  'to',
  'status',
  'seconds',
  'weight',
  'lost_seconds',
  'counted_seconds',
  'maintenance_seconds',
  'no_data_seconds',
  'uptime_percent',
  'uptime',
  'sla_percent',
  'sla_met',
  'budget_seconds',
  'budget_left_seconds',
  'records',
] as const;

type Row = Partial<Record<(typeof csvColumns)[number], string | number | boolean | null>>;

/** The report as CSV text (RFC 4180 quoting, `\n` line ends), rules in `#` lines above the table. */
export function reportCsv(report: Report): string {
  const { period, rules } = report;
  const header = [
    `Outpost uptime report: ${report.site.name} (${report.site.url})`,
    `period ${period.label}: ${period.from} to ${period.to}${period.complete ? '' : `, in progress: counted up to ${period.countedTo}`}; generated ${report.generatedAt}`,
    `settings: outages=${rules.outages} weights.major_outage=${rules.weights.major_outage} weights.partial_outage=${rules.weights.partial_outage} weights.degraded_performance=${rules.weights.degraded_performance} maintenance=${rules.maintenance} noData=${rules.noData} quorum=${rules.quorum} locations=${rules.locations.join('+') || 'none'}`,
    ...rules.statements.map((s) => `rule: ${s}`),
  ].map((line) => `# ${line.replace(/[\r\n]+/g, ' ')}`);
  const rows: Row[] = report.components.flatMap((c) => [
    {
      kind: 'component',
      component: c.id,
      name: c.name,
      from: period.from,
      to: period.countedTo,
      seconds: c.seconds.period,
      lost_seconds: c.seconds.lost,
      counted_seconds: c.seconds.counted,
      maintenance_seconds: c.seconds.maintenance,
      no_data_seconds: c.seconds.noData,
      uptime_percent: c.uptimePercent,
      uptime: c.uptime,
      sla_percent: c.sla?.targetPercent,
      sla_met: c.sla && (c.sla.met === null ? 'no data' : c.sla.met ? 'met' : 'missed'),
      budget_seconds: c.sla?.budgetSeconds,
      budget_left_seconds: c.sla?.budgetLeftSeconds,
    },
    ...c.lost.map((l): Row => ({ kind: 'lost', component: c.id, from: l.from, to: l.to, status: l.status, seconds: l.seconds, weight: l.weight, lost_seconds: l.lostSeconds, records: l.records.map(recordText).join('; ') })),
    ...c.leftOut.map(
      (l): Row => ({
        kind: 'left_out',
        component: c.id,
        from: l.from,
        to: l.to,
        status: l.reason,
        seconds: l.seconds,
        records: [...l.maintenance.map((m) => `maintenance ${m.id} (${m.title})`), ...l.waived.map((w) => `not counted: ${recordText(w)}`)].join('; '),
      }),
    ),
  ]);
  return [...header, csvColumns.join(','), ...rows.map((row) => csvColumns.map((col) => cell(row[col])).join(','))].join('\n') + '\n';
}

/** A record in words: `incident 2026-11-03-api-errors (API errors)`, `outage of check api seen from eu-1, us-1 (HTTP 503)`. */
export function recordText(record: SpanSource): string {
  return record.kind === 'incident'
    ? `incident ${record.id} (${record.title})`
    : `outage of check ${record.checkId} seen from ${record.locations.join(', ')}: ${record.reason}`;
}

/** One CSV cell: quoted when needed; text a spreadsheet would run as a formula gets a leading `'`. */
function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
