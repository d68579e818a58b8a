import type { Words } from '@/lib/i18n';
import type { Look } from '@/lib/status';
import { Badge } from './badges';
import { Markdown } from './markdown';
import { Time } from './time';

/** One entry of a timeline: what it says happened (as a status's look where it has one), when, and the staff's message. */
export type TimelineEntry = { key: string; title: string; look?: Look; at: string; message: string };

/** The Updates section of an incident or maintenance page: its updates, newest first. */
export function UpdatesSection({ entries, w }: { entries: readonly TimelineEntry[]; w: Words }) {
  return (
    <section aria-labelledby="updates">
      <h2 id="updates">{w.t('page.updates')}</h2>
      <ol className="timeline">
        {entries.toReversed().map((entry) => (
          <li key={entry.key}>
            <h3>{entry.look ? <Badge look={entry.look} /> : entry.title}</h3>
            <p className="meta">
              <Time iso={entry.at} w={w} />
            </p>
            <Markdown text={entry.message} headingLevel={4} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The section after the timeline: the summary, postmortem or details written as the file's body. */
export function DetailsSection({ title, body }: { title: string; body: string }) {
  return (
    <section aria-labelledby="details">
      <h2 id="details">{title}</h2>
      <Markdown text={body} headingLevel={3} />
    </section>
  );
}
