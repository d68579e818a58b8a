import type { Content } from '@/lib/content';
import { formatDay, pastDays } from '@/lib/status';
import { type ComponentName } from './component-links';
import { IncidentLine, MaintenanceLine } from './summaries';

/**
 * "Past incidents", day by day as Statuspage shows them: each of the last `site.pastDays` days (UTC) with what
 * began that day, or "No incidents reported", and a link to the whole history.
 */
export function PastDays({ content, now, components }: { content: Content; now: Date; components: readonly ComponentName[] }) {
  const days = pastDays(content, now, content.site.pastDays);
  return (
    <section aria-labelledby="past" data-live="past">
      <h2 id="past">Past incidents</h2>
      {days.map((day) => (
        <section key={day.date} className="day" aria-labelledby={`d-${day.date}`}>
          <h3 id={`d-${day.date}`}>{formatDay(day.date)}</h3>
          {day.entries.length === 0 ? (
            <p className="muted">No incidents reported.</p>
          ) : (
            <ul className="lines">
              {day.entries.map((entry) =>
                entry.kind === 'incident' ? (
                  <IncidentLine key={`i-${entry.at.incident.id}`} at={entry.at} components={components} />
                ) : (
                  <MaintenanceLine key={`m-${entry.at.window.id}`} at={entry.at} components={components} />
                ),
              )}
            </ul>
          )}
        </section>
      ))}
      <p>
        <a href="/history">Every past incident and maintenance window</a>
      </p>
    </section>
  );
}
