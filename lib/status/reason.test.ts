import { describe, expect, it } from 'vitest';
import { languages, words } from '../i18n';
import { because, reason, reasonText, recorded, shownReason, type Reason, type ReasonPart } from './reason';

const en = words('en');

/** Every phrasing the probes write, with the English the pinger wrote before reasons had parts (issue #18). */
const phrasings: { name: string; why: ReasonPart[]; english: string }[] = [
  { name: 'tcp up', why: [because.connected()], english: 'connected' },
  { name: 'tls up without a certificate date', why: [because.handshakeComplete()], english: 'handshake complete' },
  { name: 'http up', why: [because.http(200)], english: 'HTTP 200' },
  { name: 'http up, body cut', why: [because.httpBodyCut(200, 1_048_576)], english: 'HTTP 200 (body cut at 1048576 bytes)' },
  { name: 'http unexpected status', why: [because.httpUnexpected(503, '2xx')], english: 'HTTP 503 (expected 2xx)' },
  { name: 'http unexpected status, several expected', why: [because.httpUnexpected(500, '2xx | 301')], english: 'HTTP 500 (expected 2xx | 301)' },
  { name: 'redirect loop after 1', why: [because.redirectLoop(1)], english: 'redirect loop after 1 redirect' },
  { name: 'redirect loop after 2', why: [because.redirectLoop(2)], english: 'redirect loop after 2 redirects' },
  { name: 'too many redirects', why: [because.tooManyRedirects(3)], english: 'more than 3 redirects' },
  { name: 'too many redirects, limit 1', why: [because.tooManyRedirects(1)], english: 'more than 1 redirects' },
  { name: 'body without the text', why: [because.bodyMissingText()], english: 'body does not contain the expected text' },
  { name: 'body without the text, capped', why: [because.bodyMissingTextInCap(1024)], english: 'body does not contain the expected text in its first 1024 bytes (body larger than the cap)' },
  { name: 'body too large for JSON', why: [because.bodyTooLargeForJson(1024)], english: 'body larger than 1024 bytes: JSON not checked' },
  { name: 'body not JSON', why: [because.bodyNotJson()], english: 'body is not JSON' },
  { name: 'JSON path missing', why: [because.jsonMissing('db.version')], english: 'JSON db.version missing' },
  { name: 'JSON mismatch', why: [because.jsonMismatch('status', '"degraded"', '"ok"')], english: 'JSON status is "degraded" (expected "ok")' },
  { name: 'slow', why: [because.http(200), because.slow(2_300.4, 2_000)], english: 'HTTP 200; slow: 2300 ms (degraded above 2000 ms)' },
  { name: 'slow and expiring', why: [because.http(200), because.slow(12_345, 10_000), because.certExpiresIn(4)], english: 'HTTP 200; slow: 12345 ms (degraded above 10000 ms); certificate expires in 4 days' },
  { name: 'certificate valid for', why: [because.certValidFor(89)], english: 'certificate valid for 89 more days' },
  { name: 'certificate valid for 1', why: [because.certValidFor(1)], english: 'certificate valid for 1 more days' },
  { name: 'certificate valid for -0', why: [because.certValidFor(-0)], english: 'certificate valid for 0 more days' },
  { name: 'certificate valid for years', why: [because.certValidFor(3650)], english: 'certificate valid for 3650 more days' },
  { name: 'certificate expires in 1 day', why: [because.certExpiresIn(1)], english: 'certificate expires in 1 day' },
  { name: 'certificate expires in 0 days', why: [because.certExpiresIn(0)], english: 'certificate expires in 0 days' },
  { name: 'certificate expired today', why: [because.certExpiredAgo(0)], english: 'TLS: certificate expired less than a day ago' },
  { name: 'certificate expired 1 day ago', why: [because.certExpiredAgo(1)], english: 'TLS: certificate expired 1 day ago' },
  { name: 'certificate expired long ago', why: [because.certExpiredAgo(1200)], english: 'TLS: certificate expired 1200 days ago' },
  { name: 'timeout connecting', why: [because.timeoutConnection(10_000)], english: 'timeout: no connection within 10000 ms' },
  { name: 'timeout waiting', why: [because.timeoutResponse(300)], english: 'timeout: no response within 300 ms' },
  { name: 'timeout reading', why: [because.timeoutBody(1_500)], english: 'timeout: body not complete within 1500 ms' },
  { name: 'timeout in the handshake', why: [because.timeoutHandshake(10_000)], english: 'timeout: no TLS handshake within 10000 ms' },
  { name: 'reset reading', why: [because.resetReadingBody()], english: 'connection reset while reading the body' },
  { name: 'network error with a code', why: [because.code('reason.networkErrorCode', 'EXYZ')], english: 'network error (EXYZ)' },
  { name: 'invalid HTTP', why: [because.code('reason.invalidHttp', 'HPE_INVALID_CONSTANT')], english: 'invalid HTTP response (HPE_INVALID_CONSTANT)' },
  { name: 'TLS failure with a code', why: [because.code('reason.tlsHandshakeFailedCode', 'ERR_SSL_X')], english: 'TLS: handshake failed (ERR_SSL_X)' },
  { name: 'DNS within', why: [because.dnsNoAnswerWithin(5_000)], english: 'DNS: no answer within 5000 ms' },
  { name: 'DNS server refused', why: [because.plain('reason.dnsServerRefused')], english: 'DNS: server refused the query' },
  { name: 'DNS one answer', why: [because.dnsAnswers(1, 'A')], english: '1 A answer' },
  { name: 'DNS answers', why: [because.dnsAnswers(2, 'AAAA')], english: '2 AAAA answers' },
  { name: 'DNS no record', why: [because.dnsNoRecord('MX')], english: 'DNS: no MX record' },
  { name: 'DNS no match, 1', why: [because.dnsNoMatch('A', 1)], english: 'DNS: no A answer equals the expected value (1 answer)' },
  { name: 'DNS no match, 3', why: [because.dnsNoMatch('CNAME', 3)], english: 'DNS: no CNAME answer equals the expected value (3 answers)' },
  { name: 'upstream redirect', why: [because.upstreamRedirect(301)], english: 'upstream unreadable: HTTP 301 (a redirect: set url to the address it leads to)' },
  { name: 'upstream error', why: [because.upstreamHttp(503)], english: 'upstream unreadable: HTTP 503' },
  { name: 'upstream too large', why: [because.upstreamTooLarge(1_048_576)], english: 'upstream unreadable: answer larger than 1048576 bytes' },
  { name: 'upstream not JSON', why: [because.upstreamNotJson()], english: 'upstream unreadable: not JSON' },
  { name: 'upstream not Statuspage', why: [because.upstreamNotStatuspage('components.0.status', 'Invalid option')], english: 'upstream unreadable: not a Statuspage v2 document (components.0.status: Invalid option)' },
  { name: 'upstream not Statuspage at the top', why: [because.upstreamNotStatuspage('', 'neither components nor status')], english: 'upstream unreadable: not a Statuspage v2 document (top level: neither components nor status)' },
  { name: 'upstream missing one', why: [because.upstreamMissing(['"Payments"'], ['API', 'Web', 'DB', 'CDN'])], english: 'upstream unreadable: no component "Payments" upstream (known: API, Web, DB, CDN)' },
  { name: 'upstream missing two', why: [because.upstreamMissing(['"A"', '"B"'], ['API'])], english: 'upstream unreadable: no component "A", "B" upstream (known: API)' },
  { name: 'upstream missing, none known', why: [because.upstreamMissing(['"A"'], [])], english: 'upstream unreadable: no component "A" upstream (known: none)' },
  ...(
    [
      ['reason.connectionRefused', 'connection refused'],
      ['reason.connectionReset', 'connection reset'],
      ['reason.connectionClosedWhileSending', 'connection closed while sending'],
      ['reason.connectionAborted', 'connection aborted'],
      ['reason.hostUnreachable', 'host unreachable'],
      ['reason.networkUnreachable', 'network unreachable'],
      ['reason.addressNotAvailable', 'address not available'],
      ['reason.networkError', 'network error'],
      ['reason.dnsNameNotFound', 'DNS: name does not resolve'],
      ['reason.dnsTemporaryFailure', 'DNS: lookup failed (temporary failure)'],
      ['reason.dnsLookupFailed', 'DNS: lookup failed'],
      ['reason.dnsNoRecordOfType', 'DNS: no record of that type'],
      ['reason.dnsServerFailure', 'DNS: server failure'],
      ['reason.dnsQueryRefused', 'DNS: query refused'],
      ['reason.dnsNoAnswerInTime', 'DNS: no answer in time'],
      ['reason.tlsCertExpired', 'TLS: certificate expired'],
      ['reason.tlsCertNotYetValid', 'TLS: certificate not yet valid'],
      ['reason.tlsSelfSigned', 'TLS: self-signed certificate'],
      ['reason.tlsSelfSignedInChain', 'TLS: self-signed certificate in the chain'],
      ['reason.tlsChainIncomplete', 'TLS: certificate chain incomplete'],
      ['reason.tlsIssuerNotTrusted', 'TLS: certificate issuer not trusted'],
      ['reason.tlsCertRevoked', 'TLS: certificate revoked'],
      ['reason.tlsCertNotTrusted', 'TLS: certificate not trusted'],
      ['reason.tlsHostMismatch', 'TLS: certificate does not match the host name'],
      ['reason.tlsHandshakeFailed', 'TLS: handshake failed'],
      ['reason.tlsNotTlsServer', 'TLS: handshake failed (not a TLS server?)'],
    ] as const
  ).map(([key, english]) => ({ name: key, why: [because.plain(key)], english })),
];

/** An upstream's own words, as statuspage checks read them. */
const stripe = {
  page: 'Stripe',
  status: 'partial_outage' as const,
  components: [
    { name: 'API', status: 'partial_outage' as const },
    { name: 'Dashboard', status: 'operational' as const },
    { name: 'Webhooks', status: 'major_outage' as const },
  ],
  incidents: [{ name: 'Elevated errors', status: 'identified' }],
};

describe('reasonText in English is what the pinger has always written', () => {
  it.each(phrasings)('$name', ({ why, english }) => {
    expect(reasonText(why, en)).toBe(english);
    expect(recorded(why)).toEqual({ reason: english, why });
    expect(reason.parse(JSON.parse(JSON.stringify(why)))).toEqual(why); // stored and read back as it is
  });

  it('upstream statuses, their components and incidents', () => {
    expect(reasonText(because.upstreamSays({ ...stripe, status: 'operational', components: [], incidents: [] }), en)).toBe('Stripe: operational');
    expect(reasonText(because.upstreamSays({ ...stripe, status: 'under_maintenance', components: [], incidents: [] }), en)).toBe('Stripe: under maintenance');
    expect(reasonText(because.upstreamSays(stripe), en)).toBe('Stripe: partial outage (API partial outage, Webhooks major outage); incident "Elevated errors" (identified)');
    expect(reasonText(because.upstreamSays({ ...stripe, status: 'degraded_performance', components: [{ name: 'Search', status: 'degraded_performance' }], incidents: [] }), en)).toBe(
      'Stripe: degraded performance (Search degraded performance)',
    );
  });

  it('an upstream report is plain text: a nameless component leaves no double space', () => {
    const nameless = { ...stripe, components: [{ name: 'API', status: 'partial_outage' as const }, { name: '', status: 'major_outage' as const }], incidents: [] };
    expect(reasonText(because.upstreamSays(nameless), en)).toBe('Stripe: partial outage (API partial outage, major outage)');
  });

  it('an upstream report is cut at 400 characters, and keeps no more parts than the English shows', () => {
    const incidents = Array.from({ length: 40 }, (_, i) => ({ name: `Incident number ${i} with a long enough title`, status: 'investigating' }));
    const long = because.upstreamSays({ ...stripe, incidents });
    const full = ['Stripe: partial outage (API partial outage, Webhooks major outage)', ...incidents.map((i) => `incident "${i.name}" (${i.status})`)].join('; ');
    expect(reasonText(long, en)).toBe(`${full.slice(0, 399)}…`);
    expect(long.length).toBeLessThan(10);
    // Long component lists too: the head alone past the cut keeps the components up to it.
    const components = Array.from({ length: 60 }, (_, i) => ({ name: `Region ${i}`, status: 'major_outage' as const }));
    const crowded = because.upstreamSays({ ...stripe, components, incidents: [] });
    expect(reasonText(crowded, en)).toHaveLength(400);
    expect((crowded[0]!.vars!.components as unknown[]).length).toBeLessThan(20);
  });
});

describe('reasonText in other languages', () => {
  const de = words('de');
  const ja = words('ja');
  const ar = words('ar');

  it('German: the same facts, in German, numbers as measured', () => {
    expect(reasonText([because.httpUnexpected(503, '2xx')], de)).toBe('HTTP 503 (erwartet: 2xx)');
    expect(reasonText([because.timeoutResponse(10_000)], de)).toBe('Zeitüberschreitung: keine Antwort innerhalb von 10000 ms');
    expect(reasonText([because.http(200), because.slow(2_300, 2_000), because.certExpiresIn(1)], de)).toBe(
      'HTTP 200; langsam: 2300 ms (eingeschränkt bei mehr als 2000 ms); Zertifikat läuft in 1 Tag ab',
    );
    expect(reasonText([because.tooManyRedirects(1)], de)).toBe('mehr als 1 Weiterleitung');
    expect(reasonText(because.upstreamSays(stripe), de)).toBe('Stripe: Teilausfall (API: Teilausfall und Webhooks: schwerer Ausfall); Vorfall „Elevated errors“ (identified)');
    expect(reasonText([because.upstreamMissing(['"A"'], ['API', 'Web', 'DB'])], de)).toBe('Statusseite des Anbieters nicht lesbar: keine Komponente "A" beim Anbieter (bekannt: API, Web und DB)');
  });

  it('Japanese: its own separator, one plural form', () => {
    expect(reasonText([because.plain('reason.connectionRefused')], ja)).toBe('接続が拒否されました');
    expect(reasonText([because.dnsAnswers(2, 'A'), because.slow(2_400, 2_000)], ja)).toBe('A 応答 2 件、低速: 2400 ms（2000 ms 超でパフォーマンス低下）');
  });

  it("Arabic: every plural form, the language's separator", () => {
    const ago = (days: number) => reasonText([because.certExpiredAgo(days)], ar);
    expect([ago(1), ago(2), ago(3), ago(11), ago(100)]).toEqual([
      'TLS: انتهت صلاحية الشهادة منذ يوم واحد',
      'TLS: انتهت صلاحية الشهادة منذ يومين',
      'TLS: انتهت صلاحية الشهادة منذ 3 أيام',
      'TLS: انتهت صلاحية الشهادة منذ 11 يومًا',
      'TLS: انتهت صلاحية الشهادة منذ 100 يوم',
    ]);
    expect(reasonText([because.http(200), because.slow(2_300, 2_000)], ar)).toBe('HTTP 200؛ بطيء: 2300 ملي ثانية (الأداء منخفض فوق 2000 ملي ثانية)');
  });

  it('every phrasing has words in every language, none left with a placeholder', () => {
    for (const lang of Object.keys(languages) as (keyof typeof languages)[]) {
      for (const { why } of phrasings) expect(reasonText(why, words(lang)), `${lang} ${why[0]!.key}`).not.toMatch(/[{}]/);
    }
  });
});

describe('reasons as stored', () => {
  it('refuses a part whose key is not a reason', () => {
    expect(reason.safeParse([{ key: 'reason.nothing' }]).success).toBe(false);
    expect(reason.safeParse([{ key: 'layout.skip' }]).success).toBe(false);
    expect(reason.safeParse([{ key: 'reason.join' }]).success).toBe(false);
    expect(reason.safeParse([]).success).toBe(false);
    expect(reason.safeParse([{ key: 'reason.http', vars: { status: 200 }, extra: 1 }]).success).toBe(false);
    expect(reason.safeParse([{ key: 'reason.http', vars: { status: true } }]).success).toBe(false);
  });

  it('shows a reason in the reader language, or as recorded when it has no parts (format 2 data)', () => {
    const why: Reason = [because.plain('reason.connectionRefused')];
    expect(shownReason({ reason: 'connection refused', why }, words('fr'))).toBe('connexion refusée');
    expect(shownReason({ reason: 'connection refused', why: null }, words('fr'))).toBe('connection refused');
    expect(shownReason({ reason: 'connection refused' }, words('fr'))).toBe('connection refused');
  });
});
