import type { EmailContent } from './formats';

/** One message ready for SMTP: envelope and the RFC 5322 text (CRLF line ends, 7-bit safe). */
export type MailMessage = { from: string; to: string; raw: string };

/** RFC 2047 encoded-word for a header value that is not plain ASCII; plain ASCII stays as it is. */
export function encodeHeader(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  return `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}

/** Base64 in 76-character lines, for a body part. */
function base64Lines(text: string): string {
  return (Buffer.from(text, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** Refuses anything that could add a header: a line break or NUL in an address or a header value. */
function headerSafe(value: string, what: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error(`${what} contains a line break: refused`);
  return value;
}

export type MimeOptions = {
  /** `Acme Status <status@acme.example>` or a bare address. */
  from: string;
  to: string;
  content: EmailContent;
  /** Becomes the Message-ID (`<key@host>`): the same message always has the same id. */
  idempotencyKey: string;
  /** RFC 8058 one-click target (https) and the page behind it; omitted for confirmation mails. */
  unsubscribeUrl?: string;
  /** `List-Id`, e.g. the page host. */
  listId: string;
  date: Date;
};

/** The envelope sender: the bare address inside `Name <addr>`. */
export function bareAddress(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

/** Builds a multipart/alternative (text + HTML) message with List-Unsubscribe and List-Unsubscribe-Post headers. */
export function buildMime(options: MimeOptions): MailMessage {
  // From the key, so a retry sends the same bytes.
  const boundary = `=_outpost_${options.idempotencyKey.replace(/[^A-Za-z0-9]/g, '')}`;
  const from = headerSafe(options.from, 'from');
  const to = headerSafe(options.to, 'to');
  const host = bareAddress(from).split('@')[1] ?? 'outpost.invalid';
  const headers = [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${encodeHeader(options.content.subject)}`,
    `Date: ${options.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${headerSafe(options.idempotencyKey, 'key')}@${host}>`,
    `List-Id: ${encodeHeader(options.listId)} <${headerSafe(options.listId.replace(/[^A-Za-z0-9.-]/g, ''), 'list')}>`,
    ...(options.unsubscribeUrl ? [`List-Unsubscribe: <${headerSafe(options.unsubscribeUrl, 'unsubscribe')}>`, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'] : []),
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, text: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(text)].join('\r\n');
  const raw = [...headers, '', part('text/plain', options.content.text), part('text/html', options.content.html), `--${boundary}--`, ''].join('\r\n');
  return { from: bareAddress(from), to, raw };
}
