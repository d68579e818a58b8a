import type { Report } from '@/lib/reports';
import { formatDuration } from '@/lib/status';
import { Time } from '../components/time';

const minutes = (seconds: number) => formatDuration(seconds * 1000);

/**
 * One period's uptime report, as `outpost report` writes it: each component's figure with the time it was counted
 * over, the SLA target met or missed and the budget left, every stretch that cost uptime and every stretch left
 * out, with the rules it was counted by: a reader can add it up by hand. CSV and JSON of it beside the page.
 */
export function ReportPage({ report, href }: { report: Report; href: string }) {
  const { period } = report;
  return (
    <>
      <h1>Uptime report: {period.label}</h1>
      <p className="lede">
        <Time iso={period.from} /> to <Time iso={period.complete ? period.to : period.countedTo} />
        {period.complete ? '' : ' (running: counted to the last full hour)'}. Download as <a href={`${href}/report.csv`}>CSV</a> or{' '}
        <a href={`${href}/report.json`}>JSON</a>.
      </p>

      <section aria-labelledby="figures">
        <h2 id="figures">Uptime</h2>
        <table className="report">
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Uptime</th>
              <th scope="col">Counted</th>
              <th scope="col">Lost</th>
              <th scope="col">SLA</th>
            </tr>
          </thead>
          <tbody>
            {report.components.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <a href={`#c-${c.id}`}>{c.name}</a>
                </th>
                <td>{c.uptime}</td>
                <td>{minutes(c.seconds.counted)}</td>
                <td>{c.seconds.lost > 0 ? minutes(c.seconds.lost) : 'none'}</td>
                <td>
                  {c.sla
                    ? `${c.sla.targetPercent}%: ${c.sla.met === null ? 'no data' : c.sla.met ? 'met' : 'missed'}, ${c.sla.budgetLeftSeconds >= 0 ? `${minutes(c.sla.budgetLeftSeconds)} of budget left` : `${minutes(-c.sla.budgetLeftSeconds)} over budget`}`
                    : 'none set'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="rules">
        <h2 id="rules">How it is counted</h2>
        <ul>
          {report.rules.statements.map((statement) => (
            <li key={statement}>{statement}</li>
          ))}
        </ul>
      </section>

      {report.components.map((c) => (
        <section key={c.id} aria-labelledby={`c-${c.id}`}>
          <h2 id={`c-${c.id}`}>
            {c.name}: {c.uptime}
          </h2>
          <p className="muted">
            {minutes(c.seconds.period)} in the period; {minutes(c.seconds.leftOut)} left out; {minutes(c.seconds.counted)} counted; {minutes(c.seconds.lost)}{' '}
            lost (uptime = 1 − lost ÷ counted).
          </p>
          {c.lost.length > 0 && (
            <>
              <h3>What cost uptime</h3>
              <ul className="lines">
                {c.lost.map((row) => (
                  <li key={row.from} className="line">
                    <span>
                      <Time iso={row.from} /> to <Time iso={row.to} />: {row.status.replaceAll('_', ' ')}, {minutes(row.seconds)} × {row.weight} = {minutes(row.lostSeconds)}
                    </span>
                    <span className="meta">
                      {row.records.map((r) => (r.kind === 'incident' ? <a key={r.id} href={`/incidents/${r.id}`}>{r.title}</a> : <span key={r.startedAt}>confirmed outage ({r.reason})</span>))}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {c.leftOut.length > 0 && (
            <>
              <h3>Left out</h3>
              <ul className="lines">
                {c.leftOut.map((row) => (
                  <li key={row.from} className="line">
                    <Time iso={row.from} /> to <Time iso={row.to} />: {row.reason}, {minutes(row.seconds)}
                    {row.maintenance.map((m) => (
                      <span key={m.id}>
                        {' '}
                        (<a href={`/maintenance/${m.id}`}>{m.title}</a>)
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </>
          )}
          {c.lost.length === 0 && c.leftOut.length === 0 && <p>Nothing cost uptime{c.uptimePercent === null ? '; no time was counted' : ''}.</p>}
        </section>
      ))}
    </>
  );
}
