import { markdownToText, renderMarkdown } from '../content';
import type { EventKind, NotifyEvent } from './schema';

/**
 * What each channel sends for an event: pure functions of the frozen event and the subscriber's links, so a
 * retry sends the same bytes. Each chat format follows its service's documented incoming-webhook shape
 * (checked by formats.test.ts against schemas written from those documents).
 */

/** The links a message carries for its subscriber. */
export type Links = {
  /** One-click unsubscribe (RFC 8058 POST target, and a page with a button for a GET). */
  unsubscribe: string;
  /** Change components or unsubscribe, no password. */
  manage: string;
  /** Confirm a sign-up (only for `subscription.confirm`). */
  confirm?: string;
};

const kindWords: Record<EventKind, string> = {
  'incident.created': 'New incident',
  'incident.updated': 'Incident update',
  'incident.resolved': 'Resolved',
  'incident.postmortem': 'Postmortem',
  'maintenance.scheduled': 'Maintenance scheduled',
  'maintenance.started': 'Maintenance started',
  'maintenance.updated': 'Maintenance update',
  'maintenance.completed': 'Maintenance completed',
  'maintenance.cancelled': 'Maintenance cancelled',
  'outage.confirmed': 'Detected automatically: outage',
  'outage.ended': 'Detected automatically: recovered',
  'component.updated': 'Component status',
  'subscription.confirm': 'Confirm your subscription',
  'subscription.existing': 'You are already subscribed',
};

const statusWords: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

/** Colours by what happened, for chat cards (never the only sign: the words say it too). */
function colourOf(event: NotifyEvent): number {
  if (/resolved|completed|ended|operational/.test(event.kind + event.status)) return 0x1f883d;
  if (event.kind.startsWith('maintenance')) return 0x0969da;
  if (event.status === 'major_outage' || event.automatic) return 0xcf222e;
  return 0xbf8700;
}

/** "Elevated API error rates: Identified", or "Detected automatically: API is down". */
export function headline(event: NotifyEvent): string {
  if (event.kind === 'outage.confirmed') return `Detected automatically: ${event.title} is down`;
  if (event.kind === 'outage.ended') return `Detected automatically: ${event.title} has recovered`;
  if (event.kind.startsWith('subscription.')) return `${kindWords[event.kind]} to ${event.page.name}`;
  return `${event.title}: ${statusWords[event.status] ?? event.status}`;
}

/** The components it concerns, by name, for text lines. */
function componentList(event: NotifyEvent): string {
  return Object.values(event.componentNames).join(', ');
}

/** Plain words of the event's message. */
export function messageText(event: NotifyEvent): string {
  return markdownToText(event.message);
}

/** When, in UTC words: `2026-03-14 10:40 UTC`. */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

// ---------------------------------------------------------------- webhooks (Statuspage-compatible)

/**
 * The body a Statuspage webhook consumer understands: `meta`, `page`, and `incident` (with its updates,
 * newest first) or `component_update` + `component`. Outpost adds `meta.event_id`, `meta.event_type`,
 * `meta.idempotency_key` and `meta.automatic`.
 */
export function webhookPayload(event: NotifyEvent & { recordedAt: string }, links: Links, idempotencyKey: string) {
  const meta = {
    unsubscribe: links.unsubscribe,
    documentation: `${event.page.url}/subscribe`,
    generated_at: event.recordedAt,
    event_id: event.id,
    event_type: event.kind,
    idempotency_key: idempotencyKey,
    automatic: event.automatic,
  };
  const page = { id: event.page.id, status_indicator: event.page.indicator, status_description: event.page.description };
  if (event.incident) return { meta, page, incident: event.incident };
  const change = event.componentUpdate ?? { componentId: event.components[0] ?? '', oldStatus: 'operational', newStatus: event.status };
  return {
    meta,
    page,
    component_update: { created_at: event.at, new_status: change.newStatus, old_status: change.oldStatus, id: `${event.id}`, component_id: change.componentId },
    component: { created_at: event.at, id: change.componentId, name: event.componentNames[change.componentId] ?? change.componentId, status: change.newStatus },
  };
}

// ---------------------------------------------------------------- chat

/** Escapes text for Slack mrkdwn (&, <, > are control characters there). */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Slack incoming webhook: `text` (notifications, fallback) and Block Kit `blocks` (header ≤150, section ≤3000). */
export function slackMessage(event: NotifyEvent, links: Links) {
  const title = headline(event);
  const body = slackEscape(messageText(event));
  const context = [event.automatic ? 'Detected automatically by the status page monitor' : null, componentList(event) || null, when(event.at)].filter(Boolean).join(' · ');
  return {
    text: cut(`${event.page.name}: ${title}`, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(title, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: cut(body || title, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: cut(slackEscape(context), 3000) }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'View on the status page' }, url: event.url },
          { type: 'button', text: { type: 'plain_text', text: 'Unsubscribe' }, url: links.unsubscribe },
        ],
      },
    ],
  };
}

/** Discord webhook: one embed (title ≤256, description ≤4096, ≤25 fields, footer ≤2048), mentions off. */
export function discordMessage(event: NotifyEvent, links: Links) {
  const fields = [
    { name: 'Status', value: cut(statusWords[event.status] ?? event.status, 1024), inline: true },
    ...(componentList(event) ? [{ name: 'Components', value: cut(componentList(event), 1024), inline: true }] : []),
    ...(event.automatic ? [{ name: 'Source', value: 'Detected automatically by the status page monitor', inline: false }] : []),
  ];
  return {
    username: cut(event.page.name, 80),
    allowed_mentions: { parse: [] as string[] },
    embeds: [
      {
        title: cut(headline(event), 256),
        url: event.url,
        description: cut(`${messageText(event)}\n\n[Unsubscribe](${links.unsubscribe})`, 4096),
        color: colourOf(event),
        timestamp: event.at,
        fields,
        footer: { text: cut(event.page.name, 2048) },
      },
    ],
  };
}

/** Microsoft Teams (Workflows "post to a channel when a webhook request is received"): an Adaptive Card 1.4 in a message. */
export function teamsMessage(event: NotifyEvent, links: Links) {
  const facts = [
    { title: 'Status', value: statusWords[event.status] ?? event.status },
    ...(componentList(event) ? [{ title: 'Components', value: componentList(event) }] : []),
    { title: 'When', value: when(event.at) },
    ...(event.automatic ? [{ title: 'Source', value: 'Detected automatically' }] : []),
  ];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: event.page.name, size: 'Small', isSubtle: true, wrap: true },
            { type: 'TextBlock', text: headline(event), size: 'Medium', weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: messageText(event) || headline(event), wrap: true },
            { type: 'FactSet', facts },
          ],
          actions: [
            { type: 'Action.OpenUrl', title: 'View on the status page', url: event.url },
            { type: 'Action.OpenUrl', title: 'Unsubscribe', url: links.unsubscribe },
          ],
        },
      },
    ],
  };
}

/** Google Chat incoming webhook: `text` plus a `cardsV2` card (header, a paragraph, buttons). */
export function googleChatMessage(event: NotifyEvent, links: Links) {
  const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const subtitle = [statusWords[event.status] ?? event.status, componentList(event), when(event.at)].filter(Boolean).join(' · ');
  return {
    text: `${event.page.name}: ${headline(event)}`,
    cardsV2: [
      {
        cardId: event.id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64),
        card: {
          header: { title: cut(headline(event), 200), subtitle: cut(subtitle, 200) },
          sections: [
            {
              widgets: [
                { textParagraph: { text: html(messageText(event) || headline(event)) + (event.automatic ? '<br><i>Detected automatically by the status page monitor.</i>' : '') } },
                {
                  buttonList: {
                    buttons: [
                      { text: 'View on the status page', onClick: { openLink: { url: event.url } } },
                      { text: 'Unsubscribe', onClick: { openLink: { url: links.unsubscribe } } },
                    ],
                  },
                },
              ],
            },
          ],
        },
      },
    ],
  };
}

// ---------------------------------------------------------------- email

/** An email's subject and bodies. */
export type EmailContent = { subject: string; text: string; html: string };

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Subject, plain text and HTML of an event's email, with the page link and the unsubscribe and manage links. */
export function emailContent(event: NotifyEvent, links: Links): EmailContent {
  const site = event.page.name;
  if (event.kind === 'subscription.confirm' || event.kind === 'subscription.existing') return subscriptionEmail(event, links);
  const title = headline(event);
  const components = componentList(event);
  const lines = [
    title,
    '',
    messageText(event),
    '',
    ...(components ? [`Components: ${components}`] : []),
    `When: ${when(event.at)}`,
    ...(event.automatic ? ['This was detected automatically by the status page monitor; staff may not have posted about it yet.'] : []),
    '',
    `Details: ${event.url}`,
    '',
    '--',
    `You receive this because you subscribed to ${site}.`,
    `Choose components: ${links.manage}`,
    `Unsubscribe: ${links.unsubscribe}`,
  ];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">
<p style="color:#555">${escapeHtml(site)}</p>
<h1 style="font-size:1.3em">${escapeHtml(title)}</h1>
${renderMarkdown(event.message)}
<p>${components ? `Components: ${escapeHtml(components)}<br>` : ''}When: ${escapeHtml(when(event.at))}</p>
${event.automatic ? '<p><strong>Detected automatically</strong> by the status page monitor; staff may not have posted about it yet.</p>' : ''}
<p><a href="${escapeHtml(event.url)}">View on the status page</a></p>
<hr><p style="color:#555;font-size:.9em">You receive this because you subscribed to ${escapeHtml(site)}. <a href="${escapeHtml(links.manage)}">Choose components</a> · <a href="${escapeHtml(links.unsubscribe)}">Unsubscribe</a></p>
</body></html>`;
  return { subject: `[${site}] ${title}`, text: lines.join('\n'), html };
}

function subscriptionEmail(event: NotifyEvent, links: Links): EmailContent {
  const site = event.page.name;
  const confirm = event.kind === 'subscription.confirm';
  const action = confirm ? links.confirm! : links.manage;
  const text = confirm
    ? [`Someone (we hope you) asked to receive ${site} notifications at this address.`, '', `To confirm, open: ${action}`, '', 'If it was not you, ignore this message: nothing will be sent without confirmation.']
    : [`Someone asked to subscribe this address to ${site}, and it is already subscribed.`, '', `To change what you receive, or to unsubscribe: ${action}`, '', 'If it was not you, ignore this message.'];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(headline(event))}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">
<h1 style="font-size:1.3em">${escapeHtml(headline(event))}</h1>
<p>${escapeHtml(text[0]!)}</p>
<p><a href="${escapeHtml(action)}">${confirm ? 'Confirm my subscription' : 'Manage my subscription'}</a></p>
<p style="color:#555">${escapeHtml(text.at(-1)!)}</p>
</body></html>`;
  return { subject: `[${site}] ${headline(event)}`, text: text.join('\n'), html };
}
