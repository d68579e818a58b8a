import type { Command } from 'commander';
import { maintenanceUpdateStatuses, type Maintenance } from '../content';
import { buildNow } from '../site-data';
import { maintenanceState } from '../status';
import { appendUpdate, createEntry, editEntry, entryId, entryText, findEntry, loadValid, newEntryId, report, setField, storedTime } from './authoring';
import { ask, authoringOptions, collect, need, parseTime, readMessage, type AuthoringOptions } from './input';

type NewOptions = AuthoringOptions & { title?: string; component?: string[]; start?: string; end?: string; slug?: string };
type UpdateOptions = AuthoringOptions & { status?: string; start?: string; end?: string };

const cancelledMessage = 'This maintenance has been cancelled.';

/** `outpost maintenance new | update | cancel`: maintenance windows in content/maintenance/. */
export function registerMaintenance(program: Command): void {
  const maintenance = program
    .command('maintenance')
    .description('Schedule, update and cancel maintenance windows (files in content/maintenance/).')
    .addHelpText('after', '\nExample:\n  $ outpost maintenance new --help');

  const create = maintenance
    .command('new')
    .description('Schedule a maintenance window. Asks for what is missing when run in a terminal.')
    .option('--title <text>', 'what readers see, e.g. "Database upgrade"')
    .option('--component <id>', 'a component under maintenance; repeat for more', collect)
    .option('--start <time>', 'when it starts: ISO 8601 with an offset or Z')
    .option('--end <time>', 'when it ends: ISO 8601 with an offset or Z')
    .option('--slug <slug>', 'the file name after the date (default: made from the title)');
  authoringOptions(create, 'what readers are told before and during the window (markdown, optional)', false)
    .addHelpText(
      'after',
      `
Example:
  $ outpost maintenance new --title "Database upgrade" --component database \\
      --start 2026-03-20T02:00:00Z --end 2026-03-20T04:00:00Z --message "The API may pause for a few seconds."
  created content/maintenance/2026-03-20-database-upgrade.md`,
    )
    .action(async (options: NewOptions) => {
      const givenMessage = readMessage(options);
      const now = buildNow();
      const content = loadValid(options.content, now);

      const title = await need(options.title, '--title', ask.text('Title'));
      const components = await need(options.component, '--component', ask.components('Components under maintenance', content.site, true));
      const start = parseTime(await need(options.start, '--start', ask.time('Starts at (ISO 8601 with an offset or Z)')), '--start');
      const end = parseTime(await need(options.end, '--end', ask.time('Ends at (ISO 8601 with an offset or Z)')), '--end');
      const description = await need(givenMessage, '--message', ask.optionalText('Description for readers (optional)'), '');

      const text = entryText({
        title: title.trim(),
        components,
        start: storedTime(start, content.clockShiftMs),
        end: storedTime(end, content.clockShiftMs),
        ...(description?.trim() ? { description: description.trim() } : {}),
      });
      const id = newEntryId(start, title, options.slug);
      report(createEntry(options.content, 'maintenance', id, text, { now, dryRun: options.dryRun }), 'created', options.dryRun);
    });

  const update = maintenance
    .command('update <id>')
    .description('Add a note to a maintenance window, optionally with a status, or move its start or end.')
    .option('--status <status>', maintenanceUpdateStatuses.join(' | '))
    .option('--start <time>', 'a new start: ISO 8601 with an offset or Z')
    .option('--end <time>', 'a new end: ISO 8601 with an offset or Z');
  authoringOptions(update)
    .addHelpText(
      'after',
      `
Example:
  $ outpost maintenance update 2026-03-20-database-upgrade --status in_progress --message "The upgrade has started."`,
    )
    .action(async (arg: string, options: UpdateOptions) => {
      const at = options.at ? parseTime(options.at, '--at') : undefined;
      const start = options.start ? parseTime(options.start, '--start') : undefined;
      const end = options.end ? parseTime(options.end, '--end') : undefined;
      const givenMessage = readMessage(options);
      const content = loadValid(options.content, buildNow());
      const { id } = findEntry(content.maintenance, entryId(arg), 'maintenance');

      const status = await need(options.status, '--status', ask.choice('Status (or none for a note)', ['none', ...maintenanceUpdateStatuses]), 'none');
      const message = await need(givenMessage, '--message', ask.text('Message'));

      const result = await editEntry(
        options.content,
        'maintenance',
        id,
        ({ doc, content, now }) => {
          if (start) setField(doc, 'start', storedTime(start, content.clockShiftMs));
          if (end) setField(doc, 'end', storedTime(end, content.clockShiftMs));
          appendUpdate(doc, { at: storedTime(at ?? now, content.clockShiftMs), status: status === 'none' ? undefined : status, message });
        },
        { now: buildNow, dryRun: options.dryRun },
      );
      report(result, 'updated', options.dryRun);
    });

  const cancel = maintenance.command('cancel <id>').description('Cancel a maintenance window that has not ended: it is over from now on.');
  authoringOptions(cancel, `why, for readers (markdown; default: "${cancelledMessage}")`)
    .addHelpText('after', '\nExample:\n  $ outpost maintenance cancel 2026-03-20-database-upgrade --message "Postponed; a new date follows."')
    .action(async (arg: string, options: AuthoringOptions) => {
      const at = options.at ? parseTime(options.at, '--at') : undefined;
      const givenMessage = readMessage(options);
      const now = buildNow();
      const content = loadValid(options.content, now);
      const window = findEntry(content.maintenance, entryId(arg), 'maintenance');
      refuseEnded(window, now);
      const { id } = window;
      const message = await need(givenMessage, '--message', ask.text('Message', cancelledMessage), cancelledMessage);

      const result = await editEntry(
        options.content,
        'maintenance',
        id,
        ({ doc, entry, content, now }) => {
          refuseEnded(entry, now);
          appendUpdate(doc, { at: storedTime(at ?? now, content.clockShiftMs), status: 'cancelled', message });
        },
        { now: buildNow, dryRun: options.dryRun },
      );
      report(result, 'cancelled', options.dryRun);
    });
}

/** A window that is over (completed, cancelled, or past its end) cannot be cancelled. */
function refuseEnded(window: Maintenance, now: Date): void {
  const state = maintenanceState(window, now);
  if (state === 'completed' || state === 'cancelled') {
    throw new Error(`refused: ${window.id} is already ${state} (at ${window.endedEarly?.at ?? window.end}); nothing was written`);
  }
}
