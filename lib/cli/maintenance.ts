import type { Command } from 'commander';
import { maintenanceUpdateStatuses, type Maintenance } from '../content';
import { buildNow } from '../site-data';
import { maintenanceState } from '../status';
import { appendUpdate, createAndReport, editAndReport, entryId, entryText, findEntry, openContent, readEntry, setField, siteOf, storedTime } from './authoring';
import { ask, authoringOptions, collect, entryCommands, need, parseTime, readMessage, type AuthoringOptions } from './input';

type NewOptions = AuthoringOptions & { title?: string; component?: string[]; start?: string; end?: string; slug?: string };
type UpdateOptions = AuthoringOptions & { status?: string; start?: string; end?: string };

const cancelledMessage = 'This maintenance has been cancelled.';

/** `outpost maintenance new | update | cancel`: maintenance windows in content/maintenance/. */
export function registerMaintenance(program: Command): void {
  const maintenance = entryCommands(program, 'maintenance', 'Schedule, update and cancel maintenance windows (files in content/maintenance/).');

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
      const workspace = openContent(options.content, now);

      const title = await need(options.title, '--title', ask.text('Title'));
      const components = await need(options.component, '--component', async () => ask.components('Components under maintenance', siteOf(workspace, '--component'), true)());
      const start = parseTime(await need(options.start, '--start', ask.time('Starts at (ISO 8601 with an offset or Z)')), '--start');
      const end = parseTime(await need(options.end, '--end', ask.time('Ends at (ISO 8601 with an offset or Z)')), '--end');
      const description = await need(givenMessage, '--message', ask.optionalText('Description for readers (optional)'), '');

      const text = entryText({
        title: title.trim(),
        components,
        start: storedTime(start, workspace.clockShiftMs),
        end: storedTime(end, workspace.clockShiftMs),
        ...(description?.trim() ? { description: description.trim() } : {}),
      });
      await createAndReport(workspace, 'maintenance', { when: start, title, text, noun: 'maintenance window' }, { ...options, now });
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
      const workspace = openContent(options.content, buildNow());
      const id = findEntry(workspace.ids.maintenance, entryId(arg), 'maintenance');
      readEntry(workspace, 'maintenance', id); // refuses now, before any prompt, when the file itself is broken

      const status = await need(options.status, '--status', ask.choice('Status (or none for a note)', ['none', ...maintenanceUpdateStatuses]), 'none');
      const message = await need(givenMessage, '--message', ask.text('Message'));

      await editAndReport(options, 'maintenance', id, 'updated', ({ clockShiftMs, now }) => [
        ...(start ? [setField('start', storedTime(start, clockShiftMs))] : []),
        ...(end ? [setField('end', storedTime(end, clockShiftMs))] : []),
        appendUpdate({ at: storedTime(at ?? now, clockShiftMs), status: status === 'none' ? undefined : status, message }),
      ], workspace);
    });

  const cancel = maintenance.command('cancel <id>').description('Cancel a maintenance window that has not ended: it is over from now on.');
  authoringOptions(cancel, `why, for readers (markdown; default: "${cancelledMessage}")`)
    .addHelpText('after', '\nExample:\n  $ outpost maintenance cancel 2026-03-20-database-upgrade --message "Postponed; a new date follows."')
    .action(async (arg: string, options: AuthoringOptions) => {
      const at = options.at ? parseTime(options.at, '--at') : undefined;
      const givenMessage = readMessage(options);
      const now = buildNow();
      const workspace = openContent(options.content, now);
      const id = findEntry(workspace.ids.maintenance, entryId(arg), 'maintenance');
      refuseEnded(readEntry(workspace, 'maintenance', id), now, workspace.clockShiftMs);
      const message = await need(givenMessage, '--message', ask.text('Message', cancelledMessage), cancelledMessage);

      await editAndReport(options, 'maintenance', id, 'cancelled', ({ entry, clockShiftMs, now }) => {
        refuseEnded(entry, now, clockShiftMs);
        return [appendUpdate({ at: storedTime(at ?? now, clockShiftMs), status: 'cancelled', message })];
      }, workspace);
    });
}

/** A window that is over (completed, cancelled, or past its end) cannot be cancelled; its times are as stored. */
function refuseEnded(window: Maintenance, now: Date, clockShiftMs: number): void {
  const state = maintenanceState(window, new Date(now.getTime() - clockShiftMs));
  if (state === 'completed' || state === 'cancelled') {
    throw new Error(`refused: ${window.id} is already ${state} (at ${window.endedEarly?.at ?? window.end}); nothing was written`);
  }
}
