import { ownCheck, type ComponentStatus, type Content, type Monitoring, type ReportRules } from '../content';
import {
  componentTimeline,
  dayMs,
  daysUptime,
  formatPercent,
  minutesOf,
  timelinePieces,
  uptimeOf,
  type DayUptime,
  type MonitorView,
  type Piece,
  type SpanSource,
} from '../status';
import { words, type Words } from '../i18n';
import type { Period } from './period';

/**
 * An uptime report: for each component, the figure the pages show over a calendar period, with the rules
 * it was counted by and every stretch of time that cost uptime or was left out, so a reader can add it up
 * by hand. Computed by lib/status/uptime (componentTimeline → timelinePieces → minutesOf → uptimeOf), the
 * same functions as the pages' bars and windows: the two cannot disagree.
 */

/** A stretch of time that cost uptime: `seconds × weight = lostSeconds`. */
export type LostRow = {
  from: string;
  to: string;
  /** The status counted (the worst of the records), or `no data` when the rules count missing data as down. */
  status: ComponentStatus | 'no data';
  seconds: number;
  /** The share of each second counted as down (site.yaml `reports.weights`). */
  weight: number;
  lostSeconds: number;
  /** The incidents and confirmed outages that put the component in that status then. */
  records: SpanSource[];
};

/** A stretch of time left out of the figure, counted neither up nor down. */
export type LeftOutRow = {
  from: string;
  to: string;
  reason: 'maintenance' | 'no data';
  seconds: number;
  /** The maintenance windows it falls in. */
  maintenance: { id: string; title: string }[];
  /** Outages and incidents inside it that therefore cost nothing. */
  waived: SpanSource[];
};

/** Seconds of the period for one component. `counted = period − leftOut`; uptime = 100 × (1 − lost ÷ counted). */
export type ReportSeconds = {
  /** From the start of the period to its end, or to `now` while it runs. */
  period: number;
  counted: number;
  lost: number;
  /** Counted time in each status. */
  down: number;
  partial: number;
  degraded: number;
  /** Time inside maintenance (where there is a record); left out unless the rules include it. */
  maintenance: number;
  /** Time with no record; left out unless the rules count it. */
  noData: number;
  /** Time left out of the figure: maintenance (when excluded) plus no data (when excluded). */
  leftOut: number;
};

/** One component's part of a report. */
export type ComponentReport = {
  id: string;
  name: string;
  group: string | null;
  /** Has checks: its time is known from the pinger's days; without checks it is judged on incidents alone. */
  monitored: boolean;
  /** Exact; null when no time counted. */
  uptimePercent: number | null;
  /** As the pages print it: cut to two decimals, `no data` for null. */
  uptime: string;
  seconds: ReportSeconds;
  /** The component's `sla:` target and how the period measured against it; null without a target. */
  sla: { targetPercent: number; met: boolean | null; budgetSeconds: number; budgetLeftSeconds: number } | null;
  lost: LostRow[];
  leftOut: LeftOutRow[];
  /** Incidents on the component that overlap the period, whatever they cost. */
  incidents: { id: string; title: string; from: string; to: string }[];
  /** Each UTC day of the period up to now, exactly as the pages' bars show it. */
  days: DayUptime[];
};

/** The rules a report was counted by: the settings, and each in words. */
export type ReportRulesUsed = ReportRules & {
  /** Probe locations whose data was read, and the quorum that confirms an outage. */
  locations: string[];
  quorum: 'majority' | number;
  /** Every rule in a sentence, for the file's header and the page. */
  statements: string[];
};

export type Report = {
  format: 'outpost-uptime-report';
  version: 1;
  site: { name: string; url: string };
  period: { label: string; kind: Period['kind']; from: string; to: string; countedTo: string; complete: boolean };
  generatedAt: string;
  rules: ReportRulesUsed;
  components: ComponentReport[];
};

export type ReportInput = {
  content: Content;
  monitor: MonitorView | null;
  now: Date;
  period: Period;
  /** Only these components, in site order; all when absent. */
  componentIds?: readonly string[];
};

/** A report over a period at `now`: throws when the period has not begun. Pure. */
export function computeReport({ content, monitor, now, period, componentIds }: ReportInput): Report {
  const t = now.getTime();
  if (period.from > t) throw new Error(`period ${period.label} has not begun (it starts ${iso(period.from)})`);
  const countedTo = Math.min(period.to, t);
  const { site } = content;
  const rules = site.reports;
  const locations = (monitor?.locations ?? []).map((l) => l.name).sort();
  const components = site.components
    .filter((c) => !componentIds || componentIds.includes(c.id))
    .map((component): ComponentReport => {
      // What ended before the period changes none of its figures.
      const timeline = componentTimeline(component.id, content, monitor, now, period.from);
      const pieces = timelinePieces(timeline, period.from, countedTo);
      const m = minutesOf(pieces);
      const uptimePercent = uptimeOf(m);
      const seconds: ReportSeconds = {
        period: toSeconds(countedTo - period.from),
        counted: fromMinutes(m.known),
        lost: fromMinutes(m.lost),
        down: fromMinutes(m.down),
        partial: fromMinutes(m.partial),
        degraded: fromMinutes(m.degraded),
        maintenance: fromMinutes(m.maintenance),
        noData: fromMinutes(m.noData),
        leftOut: toSeconds(pieces.filter((p) => p.leftOut).reduce((sum, p) => sum + p.end - p.start, 0)),
      };
      const budget = component.sla === undefined ? null : (1 - component.sla / 100) * m.known * 60;
      const days: DayUptime[] = daysUptime(timeline, period.from, Math.ceil((countedTo - period.from) / dayMs), now);
      return {
        id: component.id,
        name: component.name,
        group: component.group ?? null,
        monitored: component.checks.some(ownCheck),
        uptimePercent,
        uptime: formatPercent(uptimePercent),
        seconds,
        sla:
          budget === null || component.sla === undefined
            ? null
            : {
                targetPercent: component.sla,
                // The same inequality as uptime ≥ target, without dividing: lost ≤ (1 − target) × counted.
                met: uptimePercent === null ? null : m.lost * 60 <= budget + 1e-9,
                budgetSeconds: round3(budget),
                budgetLeftSeconds: round3(budget - m.lost * 60),
              },
        lost: lostRows(pieces),
        leftOut: leftOutRows(pieces),
        incidents: timeline.incidents
          .filter((i) => i.start < countedTo && i.end > period.from)
          .map((i) => ({ id: i.id, title: i.title, from: iso(i.start), to: iso(i.end) })),
        days,
      };
    });
  return {
    format: 'outpost-uptime-report',
    version: 1,
    site: { name: site.name, url: site.url },
    period: { label: period.label, kind: period.kind, from: iso(period.from), to: iso(period.to), countedTo: iso(countedTo), complete: countedTo >= period.to },
    generatedAt: now.toISOString(),
    rules: { ...rules, locations, quorum: site.monitoring.quorum, statements: ruleStatements(rules, locations, site.monitoring) },
    components,
  };
}

/** Each accounting rule in a sentence, as written into every report (in English), or in the language of `w` for a report page. */
export function ruleStatements(rules: ReportRules, locations: readonly string[], monitoring: Pick<Monitoring, 'quorum' | 'failuresToOpen'>, w: Words = words('en')): string[] {
  const { quorum, failuresToOpen } = monitoring;
  const { weights } = rules;
  const outages = ({ both: 'report.ruleOutagesBoth', monitor: 'report.ruleOutagesMonitor', incidents: 'report.ruleOutagesIncidents' } as const)[rules.outages];
  const maintenance = ({ exclude: 'report.ruleMaintenanceExclude', include: 'report.ruleMaintenanceInclude' } as const)[rules.maintenance];
  const noData = ({ exclude: 'report.ruleNoDataExclude', up: 'report.ruleNoDataUp', down: 'report.ruleNoDataDown' } as const)[rules.noData];
  const quorumWords = quorum === 'majority' ? w.t('report.quorumMajority') : w.t('report.quorumAtLeast', { count: quorum });
  const where =
    locations.length === 0
      ? w.t('report.ruleNoLocations')
      : w.t('report.ruleLocations', { count: locations.length, names: locations.join(w.t('page.comma')), quorum: quorumWords, rounds: w.t('report.rounds', { count: failuresToOpen }) });
  return [
    w.t(outages),
    w.t('report.ruleWeights', { major: weights.major_outage, partial: weights.partial_outage, degraded: weights.degraded_performance }),
    w.t(maintenance),
    w.t(noData),
    where,
    w.t('report.ruleNoChecks'),
    w.t('report.ruleFormula'),
    w.t('report.ruleSla'),
    w.t('report.ruleDays'),
  ];
}

/** Counted pieces with a cost, joined where one follows the other with the same status, weight and records. */
function lostRows(pieces: readonly Piece[]): LostRow[] {
  const rows: (LostRow & { end: number; key: string })[] = [];
  for (const p of pieces) {
    if (p.leftOut || p.weight === 0) continue;
    const status = p.noData ? 'no data' : p.status;
    const key = `${status}|${p.weight}|${p.sources.map(sourceKey).join(',')}`;
    const last = rows.at(-1);
    if (last && last.end === p.start && last.key === key) {
      last.end = p.end;
      continue;
    }
    rows.push({ from: iso(p.start), to: '', status, seconds: 0, weight: p.weight, lostSeconds: 0, records: p.sources, end: p.end, key });
  }
  return rows.map(({ end, key: _, ...row }) => {
    const seconds = toSeconds(end - Date.parse(row.from));
    return { ...row, to: iso(end), seconds, lostSeconds: round3(seconds * row.weight) };
  });
}

/** Left-out pieces, joined where one follows the other for the same reason and maintenance windows. */
function leftOutRows(pieces: readonly Piece[]): LeftOutRow[] {
  const rows: (LeftOutRow & { end: number; key: string })[] = [];
  for (const p of pieces) {
    if (!p.leftOut) continue;
    const key = `${p.leftOut}|${p.maintenance.map((m) => m.id).join(',')}`;
    const last = rows.at(-1);
    const waived = p.status === 'operational' ? [] : p.sources;
    if (last && last.end === p.start && last.key === key) {
      last.end = p.end;
      for (const s of waived) if (!last.waived.some((w) => sourceKey(w) === sourceKey(s))) last.waived.push(s);
      continue;
    }
    rows.push({ from: iso(p.start), to: '', reason: p.leftOut, seconds: 0, maintenance: p.maintenance, waived: [...waived], end: p.end, key });
  }
  return rows.map(({ end, key: _, ...row }) => ({ ...row, to: iso(end), seconds: toSeconds(end - Date.parse(row.from)) }));
}

/** What names a record: its kind and id (an outage by its check and start). */
export function sourceKey(source: SpanSource): string {
  return source.kind === 'incident' ? `incident:${source.id}` : `outage:${source.checkId}:${source.startedAt}`;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Rounded to the millisecond, so sums of whole seconds stay whole. */
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const toSeconds = (ms: number) => round3(ms / 1000);
const fromMinutes = (minutes: number) => round3(minutes * 60);
