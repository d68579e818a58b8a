import type { Words } from '@/lib/i18n';
import type { Report } from '@/lib/reports';
import { shownReason } from '@/lib/status/reason';
import { isolate, Say } from '../components/say';
import { Time } from '../components/time';

/**
 * One period's uptime report, as `outpost report` writes it: each component's figure with the time it was counted
 * over, the SLA target met or missed and the budget left, every stretch that cost uptime and every stretch left
 * out, with the rules it was counted by (`rules`, in the page's language): a reader can add it up by hand. CSV and
 * JSON of it beside the page, in English.
 */
export function ReportPage({ report, href, rules, w }: { report: Report; href: string; rules: readonly string[]; w: Words }) {
  const { period } = report;
  const minutes = (seconds: number) => w.duration(seconds * 1000);
  const time = (iso: string) => <Time iso={iso} w={w} />;
  return (
    <>
      <h1>
        <Say w={w} k="report.title" vars={{ period: isolate(w, period.label) }} apart />
      </h1>
      <p className="lede">
        <Say
          w={w}
          k="report.lede"
          vars={{
            from: time(period.from),
            to: time(period.complete ? period.to : period.countedTo),
            running: period.complete ? '' : ` ${w.t('report.running')}`,
            csv: <a href={`${href}/report.csv`}>CSV</a>,
            json: <a href={`${href}/report.json`}>JSON</a>,
          }}
          apart
        />
      </p>

      <section aria-labelledby="figures">
        <h2 id="figures">{w.t('page.uptime')}</h2>
        <table className="report">
          <thead>
            <tr>
              <th scope="col">{w.t('report.component')}</th>
              <th scope="col">{w.t('page.uptime')}</th>
              <th scope="col">{w.t('report.counted')}</th>
              <th scope="col">{w.t('report.lost')}</th>
              <th scope="col">{w.t('report.sla')}</th>
            </tr>
          </thead>
          <tbody>
            {report.components.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <a href={`#c-${c.id}`}>{c.name}</a>
                </th>
                <td>{w.percent(c.uptimePercent)}</td>
                <td>{minutes(c.seconds.counted)}</td>
                <td>{c.seconds.lost > 0 ? minutes(c.seconds.lost) : w.t('report.none')}</td>
                <td>
                  {c.sla
                    ? w.t(c.sla.budgetLeftSeconds >= 0 ? 'report.slaLeft' : 'report.slaOver', {
                        target: w.percent(c.sla.targetPercent),
                        verdict: w.t(c.sla.met === null ? 'percent.noData' : c.sla.met ? 'report.met' : 'report.missed'),
                        budget: minutes(Math.abs(c.sla.budgetLeftSeconds)),
                      })
                    : w.t('report.noSla')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="rules">
        <h2 id="rules">{w.t('report.rules')}</h2>
        <ul>
          {rules.map((statement) => (
            <li key={statement}>{statement}</li>
          ))}
        </ul>
      </section>

      {report.components.map((c) => (
        <section key={c.id} aria-labelledby={`c-${c.id}`}>
          <h2 id={`c-${c.id}`}>
            <Say w={w} k="report.componentTitle" vars={{ component: c.name, uptime: w.percent(c.uptimePercent) }} apart />
          </h2>
          <p className="muted">
            <Say
              w={w}
              k="report.sum"
              vars={{ period: minutes(c.seconds.period), leftOut: minutes(c.seconds.leftOut), counted: minutes(c.seconds.counted), lost: minutes(c.seconds.lost) }}
              apart
            />
          </p>
          {c.lost.length > 0 && (
            <>
              <h3>{w.t('report.costTitle')}</h3>
              <ul className="lines">
                {c.lost.map((row) => (
                  <li key={row.from} className="line">
                    <span>
                      <Say
                        w={w}
                        k="report.cost"
                        vars={{
                          from: time(row.from),
                          to: time(row.to),
                          status: row.status === 'no data' ? w.t('report.noData') : w.t(`report.status.${row.status}`),
                          duration: minutes(row.seconds),
                          weight: w.number(row.weight, { maximumFractionDigits: 3 }),
                          lost: minutes(row.lostSeconds),
                        }}
                        apart
                      />
                    </span>
                    <span className="meta">
                      {row.records.map((r) =>
                        r.kind === 'incident' ? (
                          <a key={r.id} href={`/incidents/${r.id}`}>
                            {r.title}
                          </a>
                        ) : (
                          <span key={r.startedAt}>
                            <Say w={w} k="report.outage" vars={{ reason: shownReason(r, w) }} apart />
                          </span>
                        ),
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {c.leftOut.length > 0 && (
            <>
              <h3>{w.t('report.leftOutTitle')}</h3>
              <ul className="lines">
                {c.leftOut.map((row) => (
                  <li key={row.from} className="line">
                    <Say
                      w={w}
                      k="report.leftOut"
                      vars={{ from: time(row.from), to: time(row.to), reason: w.t(row.reason === 'maintenance' ? 'report.maintenance' : 'report.noData'), duration: minutes(row.seconds) }}
                      apart
                    />
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
          {c.lost.length === 0 && c.leftOut.length === 0 && <p>{w.t(c.uptimePercent === null ? 'report.nothingNoTime' : 'report.nothing')}</p>}
        </section>
      ))}
    </>
  );
}
