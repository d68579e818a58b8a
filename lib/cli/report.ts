import path from 'node:path';
import type { Command } from 'commander';
import { ContentError, formatProblem } from '../content';
import { writeWholeAsync } from '../files';
import { computeReport, parsePeriod, reportCsv, reportJson, type Report } from '../reports';
import { readSiteData } from '../site-data';
import { plural } from '../status';
import { collect, UsageError } from './input';
import { contentOption } from './options';

export type ReportOptions = {
  period: string;
  component?: string[];
  format?: string;
  out?: string;
  content: string;
  data: string;
  /** The moment the report is made at; the clock (or OUTPOST_NOW) by default. */
  now?: Date;
  log?: (line: string) => void;
  error?: (line: string) => void;
};

/** The report as text in its format: CSV, or JSON (indented, one trailing newline). */
export function reportText(report: Report, format: 'csv' | 'json'): string {
  return format === 'csv' ? reportCsv(report) : `${reportJson(report, 2)}\n`;
}

/**
 * `outpost report`: an uptime report over a month, quarter or year, as CSV or JSON, to a file or stdout.
 * Resolves with the exit code: 0 written, 1 bad content or data or a failed write; throws UsageError (2).
 */
export async function reportCommand(options: ReportOptions): Promise<number> {
  const log = options.log ?? ((line: string) => process.stdout.write(line));
  const error = options.error ?? console.error;
  const period = parsePeriod(options.period);
  if (!period) throw new UsageError(`--period expects a month (2026-11), a quarter (2026-Q4) or a year (2026), got ${JSON.stringify(options.period)}`);
  const format = options.format ?? (options.out?.toLowerCase().endsWith('.json') ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format expects csv or json, got ${JSON.stringify(format)}`);
  let report: Report;
  try {
    const data = readSiteData({ contentDir: options.content, dataDir: options.data, now: options.now });
    const known = data.content.site.components.map((c) => c.id);
    const unknown = (options.component ?? []).filter((id) => !known.includes(id));
    if (unknown.length > 0) throw new UsageError(`--component: unknown ${unknown.length === 1 ? 'component' : 'components'} ${unknown.join(', ')} (known: ${known.join(', ')})`);
    if (period.from > data.now.getTime()) throw new UsageError(`--period ${period.label} has not begun yet`);
    report = computeReport({ ...data, period, componentIds: options.component });
  } catch (e) {
    if (e instanceof ContentError) {
      for (const p of e.problems) error(formatProblem(p));
      error(`\nreport refused: ${plural(e.problems.length, 'problem')} in content.`);
      return 1;
    }
    if (e instanceof UsageError) throw e;
    error(`report failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const text = reportText(report, format);
  if (!options.out) {
    log(text);
    return 0;
  }
  try {
    await writeWholeAsync(path.resolve(options.out), text, { durable: true });
  } catch (e) {
    error(`report could not be written to ${options.out}: ${(e as Error).message}`);
    return 1;
  }
  const state = report.period.complete ? 'complete' : `in progress, counted up to ${report.period.countedTo}`;
  error(`wrote ${options.out}: ${plural(report.components.length, 'component')}, ${report.period.label} (${state})`);
  return 0;
}

/** `outpost report --period 2026-11 [--component id] [--format csv|json] [--out file]` */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Write an uptime report over a month, quarter or year as CSV or JSON, with the rules it was counted by.')
    .requiredOption('--period <period>', 'a month (2026-11), a quarter (2026-Q4) or a year (2026), in UTC')
    .option('--component <id>', 'only this component (repeatable, or comma-separated); all by default', collect)
    .option('--format <format>', 'csv or json (default: json when --out ends in .json, else csv)')
    .option('--out <file>', 'write the report there instead of printing it')
    .option(...contentOption)
    .option('--data <dir>', 'monitoring data folder', 'data')
    .addHelpText('after', '\nExample:\n  $ outpost report --period 2026-11 --out reports/2026-11.csv\n  $ outpost report --period 2026-Q4 --component api --format json')
    .action(async (options: ReportOptions) => {
      process.exitCode = await reportCommand(options);
    });
}
