import { markdownToText, renderMarkdown } from '../content';
import { languages, words, type Key, type Words } from '../i18n';
import { escapeHtml } from '../shared/html';
import type { NotifyEvent } from './schema';

/**
 * What each channel sends for an event: pure functions of the frozen event and the subscriber's links, so a
 * retry sends the same bytes. Each chat format follows its service's documented incoming-webhook shape
 * (checked by formats.test.ts against schemas written from those documents). Words are in the language the event
 * was recorded in; machine fields (webhook JSON keys and values, colours) stay as they are.
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

/** The event's language (recorded with it). */
function wordsOf(event: NotifyEvent): Words {
  return words(event.page.lang);
}

/** The word for a status of an incident, a maintenance window or a component; an unknown one as it is. */
function statusWord(w: Words, status: string): string {
  const key = [`incident.${status}`, `maintenance.${status}`, `component.${status}`].find((k): k is Key => k in languages.en.messages);
  return key ? w.t(key) : status;
}

/** Colours by what happened, for chat cards (never the only sign: the words say it too). */
function colourOf(event: NotifyEvent): number {
  if (/resolved|completed|ended|operational/.test(event.kind + event.status)) return 0x1f883d;
  if (event.kind.startsWith('maintenance')) return 0x0969da;
  if (event.status === 'major_outage' || event.automatic) return 0xcf222e;
  return 0xbf8700;
}

/** "Elevated API error rates: Identified", or "Detected automatically: API is down". */
export function headline(event: NotifyEvent): string {
  const w = wordsOf(event);
  if (event.kind === 'outage.confirmed') return w.t('notify.outageConfirmed', { name: event.title });
  if (event.kind === 'outage.ended') return w.t('notify.outageEnded', { name: event.title });
  if (event.kind === 'subscription.confirm') return w.t('notify.confirmSubject', { site: event.page.name });
  if (event.kind === 'subscription.existing') return w.t('notify.existingSubject', { site: event.page.name });
  return w.t('incident.titleStatus', { title: event.title, status: statusWord(w, event.status) });
}

/** The components it concerns, by name, for text lines. */
function componentList(event: NotifyEvent): string {
  return words(event.page.lang).list(Object.values(event.componentNames));
}

/** Plain words of the event's message. */
export function messageText(event: NotifyEvent): string {
  return markdownToText(event.message);
}

/** When, in UTC words of the event's language: `14 Mar 2026, 10:40 UTC`. */
function when(event: NotifyEvent): string {
  return wordsOf(event).dateTime(event.at);
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
  const w = wordsOf(event);
  const title = headline(event);
  const body = slackEscape(messageText(event));
  const context = [event.automatic ? w.t('notify.byMonitor') : null, componentList(event) || null, when(event)].filter(Boolean).join(' · ');
  return {
    text: cut(`${event.page.name}: ${title}`, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(title, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: cut(body || title, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: cut(slackEscape(context), 3000) }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: w.t('notify.view') }, url: event.url },
          { type: 'button', text: { type: 'plain_text', text: w.t('notify.unsubscribe') }, url: links.unsubscribe },
        ],
      },
    ],
  };
}

/** Discord webhook: one embed (title ≤256, description ≤4096, ≤25 fields, footer ≤2048), mentions off. */
export function discordMessage(event: NotifyEvent, links: Links) {
  const w = wordsOf(event);
  const fields = [
    { name: w.t('notify.status'), value: cut(statusWord(w, event.status), 1024), inline: true },
    ...(componentList(event) ? [{ name: w.t('notify.components'), value: cut(componentList(event), 1024), inline: true }] : []),
    ...(event.automatic ? [{ name: w.t('notify.source'), value: w.t('notify.byMonitor'), inline: false }] : []),
  ];
  return {
    username: cut(event.page.name, 80),
    allowed_mentions: { parse: [] as string[] },
    embeds: [
      {
        title: cut(headline(event), 256),
        url: event.url,
        description: cut(`${messageText(event)}\n\n[${w.t('notify.unsubscribe')}](${links.unsubscribe})`, 4096),
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
  const w = wordsOf(event);
  const facts = [
    { title: w.t('notify.status'), value: statusWord(w, event.status) },
    ...(componentList(event) ? [{ title: w.t('notify.components'), value: componentList(event) }] : []),
    { title: w.t('notify.when'), value: when(event) },
    ...(event.automatic ? [{ title: w.t('notify.source'), value: w.t('component.detectedAutomatically') }] : []),
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
            { type: 'Action.OpenUrl', title: w.t('notify.view'), url: event.url },
            { type: 'Action.OpenUrl', title: w.t('notify.unsubscribe'), url: links.unsubscribe },
          ],
        },
      },
    ],
  };
}

/** Google Chat incoming webhook: `text` plus a `cardsV2` card (header, a paragraph, buttons). */
export function googleChatMessage(event: NotifyEvent, links: Links) {
  const w = wordsOf(event);
  const subtitle = [statusWord(w, event.status), componentList(event), when(event)].filter(Boolean).join(' · ');
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
                { textParagraph: { text: escapeHtml(messageText(event) || headline(event)) + (event.automatic ? `<br><i>${escapeHtml(w.t('notify.byMonitorNote'))}</i>` : '') } },
                {
                  buttonList: {
                    buttons: [
                      { text: w.t('notify.view'), onClick: { openLink: { url: event.url } } },
                      { text: w.t('notify.unsubscribe'), onClick: { openLink: { url: links.unsubscribe } } },
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

/** `<html lang="en">`, with `dir="rtl"` for a language written right to left. */
function htmlOpen(w: Words): string {
  return `<html lang="${w.lang}"${w.dir === 'rtl' ? ' dir="rtl"' : ''}>`;
}

/** "<strong>Detected automatically</strong> by the status page monitor; …": the words escaped, the emphasis set in. */
function automaticHtml(w: Words): string {
  const strong = { html: `<strong>${escapeHtml(w.t('component.detectedAutomatically'))}</strong>` };
  return w
    .parts('notify.automaticHtml', { detected: strong })
    .map((part) => (typeof part === 'string' ? escapeHtml(part) : part.html))
    .join('');
}

/** Subject, plain text and HTML of an event's email, with the page link and the unsubscribe and manage links. */
export function emailContent(event: NotifyEvent, links: Links): EmailContent {
  const site = event.page.name;
  if (event.kind === 'subscription.confirm' || event.kind === 'subscription.existing') return subscriptionEmail(event, links);
  const w = wordsOf(event);
  const title = headline(event);
  const components = componentList(event);
  const lines = [
    title,
    '',
    messageText(event),
    '',
    ...(components ? [w.t('component.list', { components })] : []),
    w.t('notify.whenLine', { time: when(event) }),
    ...(event.automatic ? [w.t('notify.automaticNote')] : []),
    '',
    w.t('notify.detailsLine', { url: event.url }),
    '',
    '--',
    w.t('notify.why', { site }),
    w.t('notify.chooseComponentsLine', { url: links.manage }),
    w.t('notify.unsubscribeLine', { url: links.unsubscribe }),
  ];
  const html = `<!doctype html>${htmlOpen(w)}<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">
<p style="color:#555">${escapeHtml(site)}</p>
<h1 style="font-size:1.3em">${escapeHtml(title)}</h1>
${renderMarkdown(event.message)}
<p>${components ? `${escapeHtml(w.t('component.list', { components }))}<br>` : ''}${escapeHtml(w.t('notify.whenLine', { time: when(event) }))}</p>
${event.automatic ? `<p>${automaticHtml(w)}</p>` : ''}
<p><a href="${escapeHtml(event.url)}">${escapeHtml(w.t('notify.view'))}</a></p>
<hr><p style="color:#555;font-size:.9em">${escapeHtml(w.t('notify.why', { site }))} <a href="${escapeHtml(links.manage)}">${escapeHtml(w.t('notify.chooseComponents'))}</a> · <a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(w.t('notify.unsubscribe'))}</a></p>
</body></html>`;
  return { subject: `[${site}] ${title}`, text: lines.join('\n'), html };
}

function subscriptionEmail(event: NotifyEvent, links: Links): EmailContent {
  const w = wordsOf(event);
  const site = event.page.name;
  const confirm = event.kind === 'subscription.confirm';
  const action = confirm ? links.confirm! : links.manage;
  const text = confirm
    ? [w.t('notify.confirmAsk', { site }), '', w.t('notify.confirmOpen', { url: action }), '', w.t('notify.confirmIgnore')]
    : [w.t('notify.existingAsk', { site }), '', w.t('notify.existingOpen', { url: action }), '', w.t('notify.existingIgnore')];
  const html = `<!doctype html>${htmlOpen(w)}<head><meta charset="utf-8"><title>${escapeHtml(headline(event))}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">
<h1 style="font-size:1.3em">${escapeHtml(headline(event))}</h1>
<p>${escapeHtml(text[0]!)}</p>
<p><a href="${escapeHtml(action)}">${escapeHtml(w.t(confirm ? 'notify.confirmButton' : 'notify.manageButton'))}</a></p>
<p style="color:#555">${escapeHtml(text.at(-1)!)}</p>
</body></html>`;
  return { subject: `[${site}] ${headline(event)}`, text: text.join('\n'), html };
}
