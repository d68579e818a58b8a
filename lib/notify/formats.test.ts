import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { changesBetween } from './events';
import { discordMessage, emailContent, googleChatMessage, slackMessage, teamsMessage, webhookPayload } from './formats';
import { buildMime } from './mime';
import { notifyEvent, type NotifyEvent } from './schema';
import { at, incident, site, view } from './test-support';

/*
 * Each chat format against a schema written from its service's documentation of incoming webhooks:
 * - Slack: https://api.slack.com/messaging/webhooks and Block Kit reference (header text ≤150, section ≤3000,
 *   context ≤10 elements, actions ≤25 elements, button text ≤75, url ≤3000, ≤50 blocks).
 * - Discord: https://discord.com/developers/docs/resources/webhook#execute-webhook and the Embed object limits
 *   (≤10 embeds, title ≤256, description ≤4096, ≤25 fields, name ≤256, value ≤1024, footer ≤2048, all ≤6000).
 * - Microsoft Teams Workflows webhooks: a `message` with an Adaptive Card attachment
 *   (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using).
 * - Google Chat: https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages
 *   (`text`, `cardsV2[{cardId, card}]`, a widget holds exactly one of textParagraph, buttonList…).
 */
const plainText = (max: number) => z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const slackSchema = z.strictObject({
  text: z.string().min(1).max(40_000),
  blocks: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('header'), text: plainText(150) }),
        z.strictObject({ type: z.literal('section'), text: z.strictObject({ type: z.literal('mrkdwn'), text: z.string().min(1).max(3000) }) }),
        z.strictObject({ type: z.literal('context'), elements: z.array(z.strictObject({ type: z.literal('mrkdwn'), text: z.string().max(3000) })).min(1).max(10) }),
        z.strictObject({ type: z.literal('actions'), elements: z.array(z.strictObject({ type: z.literal('button'), text: plainText(75), url: z.url().max(3000) })).min(1).max(25) }),
      ]),
    )
    .max(50),
});

const discordSchema = z
  .strictObject({
    username: z.string().min(1).max(80).optional(),
    allowed_mentions: z.strictObject({ parse: z.array(z.enum(['roles', 'users', 'everyone'])) }),
    embeds: z
      .array(
        z.strictObject({
          title: z.string().max(256),
          url: z.url(),
          description: z.string().max(4096),
          color: z.number().int().min(0).max(0xffffff),
          timestamp: z.iso.datetime(),
          fields: z.array(z.strictObject({ name: z.string().min(1).max(256), value: z.string().min(1).max(1024), inline: z.boolean() })).max(25),
          footer: z.strictObject({ text: z.string().max(2048) }),
        }),
      )
      .min(1)
      .max(10),
  })
  .refine((m) => m.embeds.every((e) => e.title.length + e.description.length + e.footer.text.length + e.fields.reduce((n, f) => n + f.name.length + f.value.length, 0) <= 6000), 'embed text over 6000');

const teamsSchema = z.strictObject({
  type: z.literal('message'),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal('application/vnd.microsoft.card.adaptive'),
        contentUrl: z.null(),
        content: z.strictObject({
          $schema: z.literal('http://adaptivecards.io/schemas/adaptive-card.json'),
          type: z.literal('AdaptiveCard'),
          version: z.string().regex(/^1\.[0-5]$/),
          body: z.array(
            z.discriminatedUnion('type', [
              z.object({ type: z.literal('TextBlock'), text: z.string().min(1), wrap: z.boolean() }),
              z.object({ type: z.literal('FactSet'), facts: z.array(z.strictObject({ title: z.string(), value: z.string() })).min(1) }),
            ]),
          ),
          actions: z.array(z.strictObject({ type: z.literal('Action.OpenUrl'), title: z.string(), url: z.url() })),
        }),
      }),
    )
    .length(1),
});

const widget = z.union([
  z.strictObject({ textParagraph: z.strictObject({ text: z.string().min(1) }) }),
  z.strictObject({ buttonList: z.strictObject({ buttons: z.array(z.strictObject({ text: z.string(), onClick: z.strictObject({ openLink: z.strictObject({ url: z.url() }) }) })).min(1) }) }),
]);
const googleChatSchema = z.strictObject({
  text: z.string().min(1).max(32_000),
  cardsV2: z
    .array(
      z.strictObject({
        cardId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
        card: z.strictObject({ header: z.strictObject({ title: z.string().min(1), subtitle: z.string() }), sections: z.array(z.strictObject({ widgets: z.array(widget).min(1) })).min(1) }),
      }),
    )
    .max(1),
});

const links = { unsubscribe: 'https://status.acme.example/subscribe/unsubscribe?token=a.b', manage: 'https://status.acme.example/subscribe/manage?token=a.c' };

/** Events of several kinds, one with a very long message and characters that are special in chat markup. */
function sampleEvents(s = site): (NotifyEvent & { recordedAt: string })[] {
  const long = incident('long', { api: 'major_outage', web: 'partial_outage' }, [['10:00', 'investigating']]);
  long.updates[0]!.message = `<!channel> @everyone *boom* & <script>x</script> ${'word '.repeat(2_000)}`;
  const resolved = incident('r', { api: 'major_outage' }, [
    ['10:00', 'investigating'],
    ['10:30', 'resolved', { api: 'operational' }],
  ]);
  const events = [
    ...changesBetween(view('09:00', [], [], null, s), view('10:00', [long], [], null, s), new Date(at('10:00'))),
    ...changesBetween(view('09:00', [], [], null, s), view('10:40', [resolved], [], null, s), new Date(at('10:40'))),
    ...changesBetween(
      view('09:59', [], [], null, s),
      view('10:05', [], [], { locations: [], components: {}, daily: {}, outages: [{ componentId: 'api', checkId: 'c', locations: ['eu'], startedAt: at('10:00'), endedAt: null, reason: 'timeout', why: null }] }, s),
      new Date(at('10:05')),
      { automaticOutages: true },
    ),
  ];
  return events.map((e) => ({ ...e, recordedAt: at('10:41') }));
}

describe('chat formats match their documented shapes', () => {
  const events = sampleEvents();
  it.each(events.map((e) => [e.kind, e] as const))('%s', (_, event) => {
    expect(slackSchema.parse(slackMessage(event, links))).toBeTruthy();
    expect(discordSchema.parse(discordMessage(event, links))).toBeTruthy();
    expect(teamsSchema.parse(teamsMessage(event, links))).toBeTruthy();
    expect(googleChatSchema.parse(googleChatMessage(event, links))).toBeTruthy();
  });

  it('Slack text is escaped (no <!channel> ping, no raw <script>); Discord mentions are off', () => {
    const event = events[0]!;
    const slack = JSON.stringify(slackMessage(event, links));
    expect(slack).not.toContain('<!channel>');
    expect(slack).toContain('&lt;!channel&gt;');
    expect(discordMessage(event, links).allowed_mentions.parse).toEqual([]);
  });

  it('automatic outages say so in every format', () => {
    const outage = events.find((e) => e.kind === 'outage.confirmed')!;
    for (const body of [slackMessage(outage, links), discordMessage(outage, links), teamsMessage(outage, links), googleChatMessage(outage, links), emailContent(outage, links)]) {
      expect(JSON.stringify(body)).toMatch(/Detected automatically/);
    }
  });
});

describe('webhook payload', () => {
  it('an incident event: meta, page, incident; an outage: component_update and component', () => {
    const events = sampleEvents();
    const created = webhookPayload(events[0]!, links, 'k1');
    expect(Object.keys(created)).toEqual(['meta', 'page', 'incident']);
    const outage = webhookPayload(events.find((e) => e.kind === 'outage.confirmed')!, links, 'k2');
    expect(Object.keys(outage)).toEqual(['meta', 'page', 'component_update', 'component']);
    expect(outage).toMatchObject({ meta: { automatic: true, idempotency_key: 'k2' }, component_update: { component_id: 'api', new_status: 'major_outage' } });
  });
});

describe('email', () => {
  it('refuses an address with a line break (header injection) and encodes a non-ASCII subject', () => {
    const [event] = sampleEvents();
    const content = { ...emailContent(event!, links), subject: 'Störung' };
    expect(() => buildMime({ from: 'a@b.example', to: 'x@y.example\r\nBcc: all@y.example', content, idempotencyKey: 'k', listId: 'b.example', date: new Date(0) })).toThrow(/line break/);
    const mime = buildMime({ from: 'a@b.example', to: 'x@y.example', content, idempotencyKey: 'k', listId: 'b.example', date: new Date(0) });
    expect(mime.raw).toContain(`Subject: =?UTF-8?B?${Buffer.from('Störung').toString('base64')}?=`);
    expect(mime.raw).not.toMatch(/^Bcc:/m);
  });
});

describe('in the language site.yaml chooses', () => {
  const german = sampleEvents({ ...site, language: 'de' });
  const arabic = sampleEvents({ ...site, language: 'ar' });

  it.each([...german, ...arabic].map((e) => [`${e.page.lang} ${e.kind}`, e] as const))('%s still matches every documented shape', (_, event) => {
    expect(slackSchema.parse(slackMessage(event, links))).toBeTruthy();
    expect(discordSchema.parse(discordMessage(event, links))).toBeTruthy();
    expect(teamsSchema.parse(teamsMessage(event, links))).toBeTruthy();
    expect(googleChatSchema.parse(googleChatMessage(event, links))).toBeTruthy();
  });

  it('de: headline, labels, buttons, times and the email are German; what staff wrote is not translated', () => {
    const created = german.find((e) => e.kind === 'incident.created')!;
    expect(created.page.lang).toBe('de');
    const email = emailContent(created, links);
    expect(email.subject).toBe('[Acme Status] Incident long: Untersuchung läuft');
    expect(email.text).toContain('Komponenten: API und Website');
    expect(email.text).toContain('Zeitpunkt: 14. März 2026, 10:00 UTC');
    expect(email.text).toContain(`Abbestellen: ${links.unsubscribe}`);
    expect(email.text).toContain('@everyone'); // the staff-written message, as written
    expect(email.html).toMatch(/^<!doctype html><html lang="de"><head>/);
    const slack = slackMessage(created, links);
    expect(slack.blocks[3]).toMatchObject({ elements: [{ text: { text: 'Auf der Statusseite ansehen' } }, { text: { text: 'Abbestellen' } }] });
    expect(teamsMessage(created, links).attachments[0]!.content.body[3]).toMatchObject({ facts: [{ title: 'Status', value: 'Untersuchung läuft' }, { title: 'Komponenten' }, { title: 'Zeitpunkt' }] });
  });

  it('ar: an automatic outage says so in Arabic everywhere; the email is right to left', () => {
    const outage = arabic.find((e) => e.kind === 'outage.confirmed')!;
    expect(outage.message).toBe('اكتُشف تلقائيًا: API لا يستجيب كما هو متوقع. أول فحص فاشل: timeout. لم تُنشر أي حادثة بعد.');
    for (const body of [slackMessage(outage, links), discordMessage(outage, links), teamsMessage(outage, links), googleChatMessage(outage, links), emailContent(outage, links)]) {
      expect(JSON.stringify(body)).toContain('اكتُشف تلقائيًا');
      expect(JSON.stringify(body)).not.toContain('Detected automatically');
    }
    const email = emailContent(outage, links);
    expect(email.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl"><head>/);
    expect(email.html).toContain('<p><strong>اكتُشف تلقائيًا</strong> بواسطة مراقبة صفحة الحالة؛ ربما لم ينشر الفريق عنه شيئًا بعد.</p>');
  });

  it('webhook JSON keeps its machine fields; only the page description is in words of the language', () => {
    const [de, en] = [german[0]!, sampleEvents()[0]!];
    const [ours, theirs] = [webhookPayload(de, links, 'k'), webhookPayload(en, links, 'k')];
    expect(ours.page).toEqual({ ...theirs.page, status_description: 'Schwerer Systemausfall' });
    expect(theirs.page.status_description).toBe('Major System Outage');
    expect({ ...ours, page: null }).toEqual({ ...theirs, page: null });
  });

  it('an event recorded before events had a language reads as English', () => {
    const { lang: _, ...page } = sampleEvents()[0]!.page;
    const old = notifyEvent.parse({ ...sampleEvents()[0]!, page });
    expect(old.page.lang).toBe('en');
    expect(emailContent(old, links).subject).toBe('[Acme Status] Incident long: Investigating');
  });
});
