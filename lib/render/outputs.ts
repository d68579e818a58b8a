import type { ReactElement } from 'react';
import { createElement } from 'react';
import { markdownToText } from '@/lib/content';
import { words } from '@/lib/i18n';
import { badgeSvg, componentBadgeInput, siteBadgeInput, type BadgeInput } from '@/lib/publish/badges';
import { calendarIcs, calendarInput } from '@/lib/publish/ics';
import { liveFile, liveFilePaths, type LiveFile } from '@/lib/publish/live';
import { feedInput, feedXml } from '@/lib/publish/rss';
import { cardImage, homeCard, incidentCard } from '@/lib/publish/social-image';
import type { SiteData } from '@/lib/site-data';
import { entryAt, historyEntries, historyPage, historyPageAfterRecent, historyPageCount, historyRange, incidentAt, isOpen, lastUpdateMs, maintenanceAt, monthKey, pollSeconds, type EntryAt, type HistoryEntry } from '@/lib/status';
import { fingerprint } from '@/lib/shared/fingerprint';
import { buildStamp } from './build-stamp';
import { componentNames } from './components/component-links';
import { perData, periodsOf } from './views';
import type { PageHead } from './head';
import { ComponentPage, componentPageInput } from './pages/component';
import { historyHref, HistoryPage, type HistoryPageInput } from './pages/history';
import { HomePage, homePageInput } from './pages/home';
import { IncidentPage } from './pages/incident';
import { MaintenancePage } from './pages/maintenance';
import { NotFoundPage } from './pages/not-found';
import { ReportPage } from './pages/report';
import { computeReport, parsePeriod, reportCsv, reportJson, reportPageInput, reportSources, ruleStatements, type Report, type ReportPageInput } from '@/lib/reports';
import { SubscribePage } from './pages/subscribe';

/**
 * Every output of the site, by kind: the one list that says what a build holds, where each file goes, what it is
 * made from and how. A kind's `render` sees only its `input`, so two equal inputs make the same bytes: the writer
 * (lib/render/write.ts) renders an output again only when its input's fingerprint changed, and Next's routes in
 * app/ are adapters that call the same kind (lib/render/next.ts). Add a kind here, and its app/ adapter, to
 * publish a new file.
 */

/** An output's parameters, named as its route's dynamic segments (`{ id }` for `/incidents/[id]`). */
export type Params = Record<string, string>;

/** A page: its head tags and its `<main>` content, set into the site's shell by the writer, into the layout by Next. */
export type PageOutput = { head: PageHead; main: ReactElement };

/** What renders a kind's outputs: a page, or a file's text or bytes. */
type Rendered = PageOutput | string | Promise<Buffer>;

export type OutputKind<I = unknown> = {
  /** The route in app/ whose adapter serves this kind under Next. */
  route: string;
  /** The file it is written to, when not the route's own (`/x` → `x.html` for a page, `x` for a file). */
  file?: string;
  /** A page or a file. */
  type: 'page' | 'file';
  /** Every output of this kind for `data`. */
  params(data: SiteData): Params[];
  /** What one output is made from: all its `render` reads. */
  input(data: SiteData, params: Params): I;
  /** The output. */
  render(input: I, project: string): Rendered;
  /**
   * Kept between builds under its input's fingerprint (lib/render/write.ts): for the outputs that cost much to
   * make (images) and change seldom.
   */
  kept?: boolean;
  /**
   * A picture of what pages say (a social image): when it changes beside them in a publish, it is made once they are
   * live, in a second swap (lib/render/publish.ts), so an update or an outage does not wait for it to be drawn.
   */
  image?: boolean;
  /**
   * What stands for the input's fingerprint when it can be told without making the input: a short key made of
   * fingerprints already known (an incident's is kept in the entry cache), used as it is. Null to fingerprint the
   * input. A publish at 5,000 incidents then makes the inputs of the few pages it renders, not of 10,000.
   */
  quickKey?(data: SiteData, params: Params): string | null;
  /**
   * A short key of everything this kind's inputs are made from, coarser than any one input and made once for all of
   * them: while it is the one the live build's outputs of this kind were planned under, their keys are taken from its
   * manifest as they are (lib/render/write.ts), and no input is made. For the kinds of many outputs whose inputs
   * change seldom and cost much to make.
   */
  sources?(data: SiteData): string;
};

const kind = <I>(k: OutputKind<I>) => k as OutputKind;
const one = () => [{}];
const byId = (items: readonly { id: string }[]) => items.map(({ id }) => ({ id }));

const indexes = new WeakMap<readonly { id: string }[], Map<string, { id: string }>>();
/** The item of `items` with `id`, through an index made once per list (a site has thousands of incidents). */
function find<T extends { id: string }>(items: readonly T[], id: string | undefined): T {
  if (!indexes.has(items)) indexes.set(items, new Map(items.map((item) => [item.id, item])));
  return indexes.get(items)!.get(id!) as T;
}

/** An incident as of a SiteData's moment, once for its page and its image. */
const incidentNow = perData((data, id) => incidentAt(find(data.content.incidents, id), data.now));

/**
 * The fingerprint of each incident that the clock no longer changes (resolved, every update published by `now`), by
 * id; null while it can change. Its page, image and history line as of any later moment are made from it alone, with
 * the site's words. Once per SiteData, in one pass over the incidents.
 */
const settledIncidents = perData((data): ReadonlyMap<string, string | null> => {
  const now = data.now.getTime();
  const settled = new Map<string, string | null>();
  for (const incident of data.content.incidents) settled.set(incident.id, isOpen(incident, data.now) || lastUpdateMs(incident.updates) > now ? null : fingerprint(incident));
  return settled;
});
const settled = (data: SiteData, id: string | undefined): string | null => settledIncidents(data).get(id!) ?? null;

/**
 * What an incident's page and image are made from besides the incident, fingerprinted once per SiteData: their quick
 * keys are the settled incident's fingerprint and this, joined, not hashed again for each of 5,000 incidents.
 */
const incidentPageRest = perData((data) => {
  const { site } = data.content;
  return fingerprint([componentNames(site), pollSeconds(site), site.language]);
});
const incidentImageRest = perData((data) => fingerprint([data.content.site.language, data.content.site.name]));

/** The history's entries of one SiteData, sorted once for all its pages, so a build stays linear in incidents. */
const history = (data: SiteData): readonly HistoryEntry[] => historyEntries(data.content, data.now);


/** A report's input, once per SiteData and period: its page, CSV and JSON share it (and its fingerprint). */
const reportInput = perData((data, label) => reportPageInput(parsePeriod(label)!, data.content, data.monitor, data.now));
/** What every report's input is made from, once per SiteData for the three kinds of report file. */
const reportSourcesOf = perData((data) => reportSources(data.content, data.monitor, data.now));

/** The pages around page `n` of the history (null: /history, the newest entries). */
function historyLinks(data: SiteData, n: number | null): { newer: string | null; older: string | null } {
  const entries = history(data);
  if (n === null) {
    const older = historyPageAfterRecent(entries);
    return { newer: null, older: older === null ? null : historyHref(older) };
  }
  // The last page holds the newest entry: nothing is newer (/history shows the newest 25 again).
  return { newer: n < historyPageCount(entries) ? historyHref(n + 1) : null, older: n > 1 ? historyHref(n - 1) : null };
}

function historyInput(data: SiteData, n: number | null): HistoryPageInput {
  const months = historyPage(history(data), n);
  const { newer, older } = historyLinks(data, n);
  return {
    n,
    // An incident as of now is the one its page shows (made once for both).
    months: months.map(({ month, entries }) => ({
      month,
      entries: entries.map((e): EntryAt => (e.kind === 'incident' ? { kind: 'incident', at: incidentNow(data, e.incident.id) } : entryAt(e, data.now))),
    })),
    newer,
    older,
    components: componentNames(data.content.site),
    poll: pollSeconds(data.content.site),
    reports: periodsOf(data).map((p) => p.label),
    lang: data.content.site.language,
  };
}

/**
 * What stands for each history entry in its page's key, in the history's order: its month and its settled incident's
 * fingerprint (the clock no longer changes it), else the fingerprint of what it is now. Once per SiteData for all
 * pages: 200 pages at 5,000 incidents are then keyed without making 5,000 incidents' state at the moment.
 */
const historyEntryKeys = perData((data) =>
  history(data).map((e) => `${monthKey(e.at)},${e.kind === 'incident' ? (settled(data, e.incident.id) ?? fingerprint(incidentNow(data, e.incident.id))) : fingerprint(entryAt(e, data.now))}`),
);

/** What every history page shows besides its entries, as it stands in their keys. */
const historyRest = perData((data) => {
  const { site } = data.content;
  return [fingerprint(componentNames(site)), pollSeconds(site), ...periodsOf(data).map((p) => p.label), site.language].join('|');
});

/** What stands for a history page's input (historyInput) without making it: its entries' keys, the pages around it and the rest. */
function historyKey(data: SiteData, n: number | null): string {
  const keys = historyEntryKeys(data);
  const [from, to] = historyRange(keys.length, n);
  const { newer, older } = historyLinks(data, n);
  return [n, newer, older, ...keys.slice(from, to), historyRest(data)].join('|');
}

/** Every period with something to report on: a report page (and its CSV and JSON) each. */
function reportParams(data: SiteData): Params[] {
  return periodsOf(data).map((p) => ({ period: p.label }));
}

let lastReport: { input: ReportPageInput; report: Report } | null = null;

/**
 * The report a report page, CSV or JSON shows, counted as its input says. The last one is kept: the writer renders
 * the outputs that share an input one after another (lib/render/write.ts), so a period's report is counted once
 * for its three files, and only one report (megabytes at thousands of incidents) is held at a time.
 */
function reportOf(input: ReportPageInput): Report {
  if (lastReport?.input !== input) {
    const { period, now, content, monitor } = input;
    lastReport = { input, report: computeReport({ content, monitor, now: new Date(now), period }) };
  }
  return lastReport.report;
}

/** A file per report period, from the same input as the period's page. */
function reportFile(route: string, render: (report: Report) => string): OutputKind {
  return kind({ route, type: 'file', params: reportParams, sources: reportSourcesOf, input: (data, { period }) => reportInput(data, period!), render: (input) => render(reportOf(input)) });
}

/** A badge's bytes. */
const badgeFile = async (input: BadgeInput) => Buffer.from(await badgeSvg(input));

/** The head of an incident's page: its title, a description from its latest update, its own image. */
function incidentHead(title: string, latestMessage: string, incidentId: string): PageHead {
  const description = markdownToText(latestMessage).slice(0, 200);
  return { title, description, social: { title, description, incidentId } };
}

export const outputs = {
  home: kind({
    route: '/',
    type: 'page',
    params: one,
    input: homePageInput,
    render: (input) => ({ head: { social: {} }, main: createElement(HomePage, input) }),
  }),
  history: kind({
    route: '/history',
    type: 'page',
    params: one,
    quickKey: (data) => fingerprint(`${fingerprint(data.content.site)}|${historyKey(data, null)}`),
    input: (data) => ({ site: data.content.site, page: historyInput(data, null) }),
    render: ({ page }) => ({ head: { title: words(page.lang).t('history.title'), social: {} }, main: createElement(HistoryPage, page) }),
  }),
  historyPage: kind({
    route: '/history/page/[n]',
    type: 'page',
    params: (data) => Array.from({ length: historyPageCount(history(data)) }, (_, i) => ({ n: String(i + 1) })),
    quickKey: (data, { n }) => fingerprint(historyKey(data, Number(n))),
    input: (data, { n }) => historyInput(data, Number(n)),
    render: (page) => ({ head: { title: words(page.lang).t('history.pageTitle', { n: page.n! }), canonical: historyHref(page.n), social: {} }, main: createElement(HistoryPage, page) }),
  }),
  incident: kind({
    route: '/incidents/[id]',
    type: 'page',
    params: (data) => byId(data.content.incidents),
    quickKey: (data, { id }) => {
      const incident = settled(data, id);
      return incident && `${incident}.${incidentPageRest(data)}`;
    },
    input: (data, { id }) => ({ at: incidentNow(data, id), components: componentNames(data.content.site), poll: pollSeconds(data.content.site), lang: data.content.site.language }),
    render: ({ at, components, poll, lang }) => ({
      head: incidentHead(at.incident.title, at.updates.at(-1)!.message, at.incident.id),
      main: createElement(IncidentPage, { at, components, poll, lang }),
    }),
  }),
  incidentImage: kind({
    route: '/incidents/[id]/og.png',
    type: 'file',
    kept: true,
    image: true,
    params: (data) => byId(data.content.incidents),
    quickKey: (data, { id }) => {
      const incident = settled(data, id);
      return incident && `${incident}.${incidentImageRest(data)}`;
    },
    input: (data, { id }) => incidentCard(data.content.site, incidentNow(data, id)),
    render: (card, project) => cardImage(card, project),
  }),
  maintenance: kind({
    route: '/maintenance/[id]',
    type: 'page',
    params: (data) => byId(data.content.maintenance),
    input: (data, { id }) => ({ at: maintenanceAt(find(data.content.maintenance, id), data.now), components: componentNames(data.content.site), poll: pollSeconds(data.content.site), lang: data.content.site.language }),
    render: ({ at, components, poll, lang }) => ({ head: { title: at.window.title, social: { title: at.window.title } }, main: createElement(MaintenancePage, { at, components, poll, lang }) }),
  }),
  component: kind({
    route: '/components/[id]',
    type: 'page',
    params: (data) => byId(data.content.site.components),
    input: (data, { id }) => componentPageInput(data, id!),
    render: (input) => {
      const { id, name, description } = input.state.component;
      return { head: { title: name, description, social: { componentId: id, title: name, description } }, main: createElement(ComponentPage, input) };
    },
  }),
  componentFeed: kind({ route: '/components/[id]/feed.xml', type: 'file', params: (data) => byId(data.content.site.components), input: (data, { id }) => feedInput(data, id!)!, render: feedXml }),
  componentBadge: kind({ route: '/components/[id]/badge.svg', type: 'file', params: (data) => byId(data.content.site.components), input: (data, { id }) => componentBadgeInput(data, id!)!, render: badgeFile }),
  componentCalendar: kind({ route: '/components/[id]/maintenance.ics', type: 'file', params: (data) => byId(data.content.site.components), input: (data, { id }) => calendarInput(data, id), render: calendarIcs }),
  report: kind({
    route: '/reports/[period]',
    type: 'page',
    params: reportParams,
    sources: reportSourcesOf,
    input: (data, { period }) => reportInput(data, period!),
    render: (input) => {
      const { site } = input.content;
      const w = words(site.language);
      const report = reportOf(input);
      const rules = ruleStatements(report.rules, report.rules.locations, site.monitoring, w);
      return {
        head: { title: w.t('report.pageTitle', { period: input.period.label }), description: w.t('report.description', { site: site.name, period: input.period.label }), social: {} },
        main: createElement(ReportPage, { report, href: `/reports/${input.period.label}`, rules, w }),
      };
    },
  }),
  reportCsv: reportFile('/reports/[period]/report.csv', (report) => reportCsv(report)),
  reportJson: reportFile('/reports/[period]/report.json', (report) => reportJson(report)),
  feed: kind({ route: '/feed.xml', type: 'file', params: one, input: (data) => feedInput(data, null)!, render: feedXml }),
  calendar: kind({ route: '/maintenance.ics', type: 'file', params: one, input: (data) => calendarInput(data), render: calendarIcs }),
  subscribe: kind({
    route: '/subscribe',
    type: 'page',
    params: one,
    input: (data) => data.content.site,
    render: (site) => ({ head: { title: words(site.language).t('layout.subscribe'), description: words(site.language).t('subscribe.description', { site: site.name }), social: {} }, main: createElement(SubscribePage, { site }) }),
  }),
  badge: kind({ route: '/badge.svg', type: 'file', params: one, input: siteBadgeInput, render: badgeFile }),
  build: kind({ route: '/build.json', type: 'file', params: one, input: buildStamp, render: (stamp) => JSON.stringify(stamp) }),
  homeImage: kind({ route: '/og.png', type: 'file', image: true, params: one, input: homeCard, render: (card, project) => cardImage(card, project) }),
  notFound: kind({
    route: '/_not-found',
    file: '404.html',
    type: 'page',
    params: one,
    input: (data) => data.content.site.language,
    render: (lang) => ({ head: { title: words(lang).t('notFound.title'), noindex: true, social: {} }, main: createElement(NotFoundPage, { w: words(lang) }) }),
  }),
  ...(Object.fromEntries(
    liveFilePaths.map((file) => [file, kind({ route: `/${file}`, type: 'file', params: one, input: (data) => data, render: (data) => liveFile(data, file) })]),
  ) as Record<LiveFile, OutputKind>),
} satisfies Record<string, OutputKind>;

const routeParts = new WeakMap<OutputKind, string[]>();

/** The file an output of `kind` with `params` is written to, relative to the site's folder. */
export function outputFile(kind: OutputKind, params: Params): string {
  if (kind.file) return kind.file;
  // The route split once per kind at its segments (`/incidents/`, `id`, ``): 10,000 files at 5,000 incidents.
  let parts = routeParts.get(kind);
  if (!parts) routeParts.set(kind, (parts = kind.route.split(/\[(\w+)\]/)));
  let url = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) url += params[parts[i]!]! + parts[i + 1]!;
  return kind.type === 'file' ? url.slice(1) : url === '/' ? 'index.html' : `${url.slice(1)}.html`;
}

/** Whether `file` (relative, with `/`) is one a kind writes, for any params: what a build replaces in Next's export. */
export function isOutputFile(file: string): boolean {
  return file.endsWith('.html') || Object.values(outputs).some((k) => k.type === 'file' && routePattern(k).test(file));
}

function routePattern(k: OutputKind): RegExp {
  const escaped = (k.file ?? k.route.slice(1)).replace(/[.*+?^${}()|\\]/g, '\\$&').replace(/\\?\[\w+\\?\]/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}
