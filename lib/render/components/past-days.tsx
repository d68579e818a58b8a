import type { Words } from '@/lib/i18n';
import type { EntryAt } from '@/lib/status';
import { type ComponentName } from './component-links';
import { IncidentLine, MaintenanceLine } from './summaries';

/**
 * "Past incidents", day by day as Statuspage shows them: each of the last `site.pastDays` days (UTC) with what
 * began that day, or "No incidents reported", and a link to the whole history.
 */
export function PastDays({ days, components, w }: { days: readonly { date: string; entries: EntryAt[] }[]; components: readonly ComponentName[]; w: Words }) {
  return (
    <section aria-labelledby="past" data-live="past">
      <h2 id="past">{w.t('home.past')}</h2>
      {days.map((day) => (
        <section key={day.date} className="day" aria-labelledby={`d-${day.date}`}>
          <h3 id={`d-${day.date}`}>{w.day(day.date)}</h3>
          {day.entries.length === 0 ? (
            <p className="muted">{w.t('home.noIncidents')}</p>
          ) : (
            <ul className="lines">
              {day.entries.map((entry) =>
                entry.kind === 'incident' ? (
                  <IncidentLine key={`i-${entry.at.incident.id}`} at={entry.at} components={components} w={w} />
                ) : (
                  <MaintenanceLine key={`m-${entry.at.window.id}`} at={entry.at} components={components} w={w} />
                ),
              )}
            </ul>
          )}
        </section>
      ))}
      <p>
        <a href="/history">{w.t('home.allPast')}</a>
      </p>
    </section>
  );
}
