import { describe, expect, it } from 'vitest';
import { reportCsv } from './csv';
import { parsePeriod } from './period';
import { computeReport } from './report';
import { afterNovember, at, month } from './testing/month';

/** A minimal RFC 4180 reader, to check the file reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  return rows;
}

describe('reportCsv', () => {
  const incident = {
    title: '=HYPERLINK("x"), "quoted", and a comma',
    impact: 'major',
    components: { api: 'major_outage' },
    updates: [
      { at: at(3, '10:00:00'), status: 'investigating', message: 'Down.' },
      { at: at(3, '10:30:00'), status: 'resolved', message: 'Up.' },
    ],
  };
  const { content, monitor } = month([{ incidents: [incident], silentDays: [['eu-1', 9], ['us-1', 9]] }]);
  content.site.components[1]!.name = '@SUM(A1)';
  const report = computeReport({ content, monitor, now: afterNovember, period: parsePeriod('2026-11')! });
  const text = reportCsv(report);
  const comments = text.split('\n').filter((l) => l.startsWith('#'));
  const [header, ...rows] = parseCsv(text.split('\n').filter((l) => !l.startsWith('#')).join('\n'));
  const byColumn = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));

  it('carries the settings and every rule in its # lines', () => {
    expect(comments[2]).toBe('# settings: outages=both weights.major_outage=1 weights.partial_outage=0.3 weights.degraded_performance=0 maintenance=exclude noData=exclude quorum=majority locations=eu-1+us-1');
    expect(comments.slice(3)).toEqual(report.rules.statements.map((s) => `# rule: ${s}`));
  });

  it('has a component row with totals, then its lost and left-out rows', () => {
    expect(byColumn.map((r) => [r.kind, r.component, r.status, r.seconds, r.lost_seconds])).toEqual([
      ['component', 'api', '', '2592000', '1800'],
      ['lost', 'api', 'major_outage', '1800', '1800'],
      ['left_out', 'api', 'no data', '86400', ''],
      ['component', 'email', '', '2592000', '0'],
    ]);
    expect(byColumn[0]).toMatchObject({ counted_seconds: '2505600', no_data_seconds: '86400', uptime: '99.92%', sla_percent: '99.9', sla_met: 'met', budget_seconds: '2505.6', budget_left_seconds: '705.6' });
  });

  it('quotes text and keeps a spreadsheet from running a title as a formula', () => {
    expect(byColumn[1]!.records).toBe('incident hyperlink-x-quoted-and-a-comma (=HYPERLINK("x"), "quoted", and a comma)');
    expect(text).toContain(',"incident hyperlink-x-quoted-and-a-comma (=HYPERLINK(""x""), ""quoted"", and a comma)"\n');
    expect(byColumn[3]!.name).toBe("'@SUM(A1)");
  });
});
