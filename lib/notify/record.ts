import fs from 'node:fs';
import { componentChanges, eventsOf, lastStatuses, type NotifyView } from './events';
import { outboxFile } from './outbox';
import { defaultNotifyDir } from './subscribers';

/**
 * Called by every publish (lib/render/publish.ts) once the new site is live: records in the outbox each change
 * it published that was not recorded before (an incident update, a maintenance step, a component's status; an
 * outage the pinger confirmed where `automaticOutages` is on). It only records: `outpost notify send` delivers,
 * so a publish never waits on a subscriber. Nothing happens where notifications are not set up (no notify
 * folder). The first publish after they are sets the baseline and announces nothing from the past.
 */
export async function recordPublished(notifyDir: string, view: NotifyView, now: Date): Promise<number> {
  if (!fs.existsSync(notifyDir)) return 0;
  const automatic = view.content.site.notifications?.automaticOutages ?? false;
  const events = eventsOf(view, now, automatic);
  return outboxFile(notifyDir).update((data) => {
    const at = now.toISOString();
    const known = new Set([...data.events.map((e) => e.id), ...Object.keys(data.seen)]);
    let added = 0;
    if (!data.published) {
      for (const event of events) data.seen[event.id] ??= at;
    } else {
      for (const event of [...events, ...componentChanges(data.published, view, automatic)]) {
        if (known.has(event.id)) continue;
        known.add(event.id);
        data.events.push({ ...event, recordedAt: at, expandedAt: null });
        added += 1;
      }
    }
    data.published = lastStatuses(view.status);
    return added;
  });
}

/** recordPublished after a publish or build: a failure is said (it never fails the publish); returns how many changes were recorded. */
export async function notifySubscribers(view: NotifyView & { now: Date }, options: { notifyDir?: string; log?: (line: string) => void } = {}): Promise<number> {
  try {
    return await recordPublished(options.notifyDir ?? defaultNotifyDir(), view, view.now);
  } catch (error) {
    (options.log ?? console.error)(`notifications: could not record what was published (${error instanceof Error ? error.message : String(error)}); \`outpost doctor\` checks the notify folder`);
    return 0;
  }
}
