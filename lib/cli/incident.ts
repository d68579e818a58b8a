import { InvalidArgumentError, type Command } from 'commander';
import { impacts, incidentStatuses, loadContent, type Incident } from '../content';
import { buildNow } from '../site-data';
import { affectedComponentIds, incidentComponentStatuses, isOpen, latestUpdate } from '../status';
import { appendUpdate, createAndReport, editAndReport, entryId, entryText, findEntry, openContent, readEntry, setField, siteOf, storedTime } from './authoring';
import { contentOption } from './options';
import { ask, authoringOptions, collect, entryCommands, need, parseComponentStatuses, parseTime, readMessage, type AuthoringOptions } from './input';

type NewOptions = AuthoringOptions & { title?: string; impact?: string; component?: string[]; status?: string; slug?: string };
type UpdateOptions = AuthoringOptions & { status?: string; impact?: string; component?: string[] };

const resolvedMessage = 'This incident has been resolved.';

/** `outpost incident new | update | resolve | list`: incidents in content/incidents/. */
export function registerIncident(program: Command): void {
  const incident = entryCommands(program, 'incident', 'Post, update, resolve and list incidents (files in content/incidents/).');

  const create = incident
    .command('new')
    .description('Post a new incident. Asks for what is missing when run in a terminal.')
    .option('--title <text>', 'what readers see, e.g. "Elevated API error rates"')
    .option('--impact <impact>', `how bad it is: ${impacts.join(' | ')}`)
    .option('--component <id=status>', 'an affected component and its status; repeat for more', collect)
    .option('--status <status>', `first status: ${incidentStatuses.join(' | ')} (default: investigating)`)
    .option('--slug <slug>', 'the file name after the date (default: made from the title)');
  authoringOptions(create, 'the first update (markdown)')
    .addHelpText(
      'after',
      `
Example:
  $ outpost incident new --title "Elevated API error rates" --impact major \\
      --component api=partial_outage --message "We are investigating errors on the API."
  created content/incidents/2026-03-14-elevated-api-error-rates.md`,
    )
    .action(async (options: NewOptions) => {
      const now = buildNow();
      const when = options.at ? parseTime(options.at, '--at') : now;
      const given = options.component && parseComponentStatuses(options.component, '--component');
      const firstMessage = readMessage(options);
      const workspace = openContent(options.content, now);

      const title = await need(options.title, '--title', ask.text('Title'));
      const impact = await need(options.impact, '--impact', ask.choice('Impact', impacts, 'minor'));
      const components = await need(given, '--component', async () => ask.componentStatuses(await ask.components('Affected components', siteOf(workspace, '--component'), false)()), {});
      const status = await need(options.status, '--status', ask.choice('Status', incidentStatuses, 'investigating'), 'investigating');
      const message = await need(firstMessage, '--message', ask.text('Message'));

      const text = entryText({
        title: title.trim(),
        impact,
        ...(Object.keys(components).length > 0 ? { components } : {}),
        updates: [{ at: storedTime(when, workspace.clockShiftMs), status, message: message.trim() }],
      });
      await createAndReport(workspace, 'incidents', { when, title, text, noun: 'incident' }, { ...options, now });
    });

  const update = incident
    .command('update <id>')
    .description('Add an update to an incident: a status, a message and, optionally, new component statuses.')
    .option('--status <status>', incidentStatuses.join(' | '))
    .option('--component <id=status>', 'a component whose status changes from now on; repeat for more', collect)
    .option('--impact <impact>', `change the impact: ${impacts.join(' | ')}`);
  authoringOptions(update)
    .addHelpText(
      'after',
      `
Example:
  $ outpost incident update 2026-03-14-elevated-api-error-rates --status identified \\
      --component api=degraded_performance --message-file notes.md`,
    )
    .action(async (arg: string, options: UpdateOptions) => {
      const at = options.at ? parseTime(options.at, '--at') : undefined;
      const given = options.component && parseComponentStatuses(options.component, '--component');
      const givenMessage = readMessage(options);
      const workspace = openContent(options.content, buildNow());
      const id = findEntry(workspace.ids.incidents, entryId(arg), 'incident');
      const current = readEntry(workspace, 'incidents', id);

      const status = await need(options.status, '--status', ask.choice('Status', incidentStatuses, latestUpdate(current).status));
      const components = await need(
        given,
        '--component',
        async () => ask.componentStatuses(await ask.components('Components whose status changes (Enter for none)', siteOf(workspace, '--component'), false)(), currentStatuses(current)),
        {},
      );
      const message = await need(givenMessage, '--message', ask.text('Message'));

      await editAndReport(options, 'incidents', id, 'updated', ({ clockShiftMs, now }) => [
        ...(options.impact ? [setField('impact', options.impact)] : []),
        appendUpdate({ at: storedTime(at ?? now, clockShiftMs), status, message, components }),
      ], workspace);
    });

  const resolve = incident
    .command('resolve <id>')
    .description('Resolve an incident: append the resolving update and set every affected component back to operational.');
  authoringOptions(resolve, `the resolving update (markdown; default: "${resolvedMessage}")`)
    .addHelpText('after', '\nExample:\n  $ outpost incident resolve 2026-03-14-elevated-api-error-rates --message "Error rates are back to normal."')
    .action(async (arg: string, options: AuthoringOptions) => {
      const at = options.at ? parseTime(options.at, '--at') : undefined;
      const givenMessage = readMessage(options);
      const workspace = openContent(options.content, buildNow());
      const id = findEntry(workspace.ids.incidents, entryId(arg), 'incident');
      refuseResolved(readEntry(workspace, 'incidents', id));
      const message = await need(givenMessage, '--message', ask.text('Message', resolvedMessage), resolvedMessage);

      await editAndReport(options, 'incidents', id, 'resolved', ({ entry, clockShiftMs, now }) => {
        refuseResolved(entry);
        const restored = Object.fromEntries(affectedComponentIds(entry).map((component) => [component, 'operational']));
        return [appendUpdate({ at: storedTime(at ?? now, clockShiftMs), status: 'resolved', message, components: restored })];
      }, workspace);
    });

  incident
    .command('list')
    .description('List open incidents and those resolved recently.')
    .option('--days <days>', 'how far back "recently" goes', days, 7)
    .option('--json', 'print JSON for tools')
    .option(...contentOption)
    .addHelpText('after', '\nExample:\n  $ outpost incident list --days 30')
    .action((options: { days: number; json?: boolean; content: string }) => {
      const now = buildNow();
      const { incidents } = loadContent(options.content, { now });
      const open = incidents.filter((i) => Date.parse(i.began) <= now.getTime() && isOpen(i, now));
      const since = now.getTime() - options.days * 86_400_000;
      const recent = incidents.filter((i) => !isOpen(i, now) && Date.parse(i.resolvedAt!) >= since);
      if (options.json) {
        console.log(JSON.stringify({ open: open.map((i) => summary(i, now)), recent: recent.map((i) => summary(i, now)) }, null, 2));
        return;
      }
      console.log(`Open (${open.length}):${open.length === 0 ? ' none' : ''}`);
      for (const i of open) console.log(row(i, now, `since ${shortTime(i.began)}`));
      console.log(`\nResolved in the last ${options.days} days (${recent.length}):${recent.length === 0 ? ' none' : ''}`);
      for (const i of recent) console.log(row(i, now, `resolved ${shortTime(i.resolvedAt!)}`));
    });
}

/** A --days value: a whole number of days; anything else is bad usage. */
function days(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of days.');
  return Number(value);
}

/** A resolved incident cannot be resolved again. */
function refuseResolved(incident: Incident): void {
  if (incident.resolvedAt) throw new Error(`refused: ${incident.id} is already resolved (at ${incident.resolvedAt}); nothing was written`);
}

/** Each affected component's status as the incident's updates have left it. */
function currentStatuses(incident: Incident): Record<string, string> {
  return incidentComponentStatuses(incident, new Date(8.64e15));
}

function summary(incident: Incident, now: Date) {
  const { id, title, impact, began, resolvedAt } = incident;
  return { id, title, impact, status: latestUpdate(incident, now).status, began, resolvedAt, components: currentStatuses(incident) };
}

function row(incident: Incident, now: Date, when: string): string {
  return `  ${incident.id.padEnd(40)} ${incident.impact.padEnd(8)} ${latestUpdate(incident, now).status.padEnd(14)} ${when.padEnd(29)} ${incident.title}`;
}

/** `2026-03-14 10:40 UTC` */
function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
