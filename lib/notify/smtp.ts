import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import type { MailMessage } from './mime';
import type { Outcome } from './outbox';

/**
 * A small SMTP client over node:net/tls: EHLO, STARTTLS when offered (or smtps:// from the start), AUTH PLAIN,
 * then MAIL/RCPT/DATA per message on a few reused connections. Enough to hand mail to the operator's relay or
 * provider, which does the rest (queueing, DKIM, retries to the recipient's server). nodemailer would replace
 * it behind the same `MailTransport` interface.
 */

/** Anything that can send one message and say what happened. */
export interface MailTransport {
  send(message: MailMessage): Promise<Outcome>;
  close(): Promise<void>;
}

/** `smtp://user:pass@host:587` (STARTTLS when offered), `smtps://…:465`; `?tls=insecure` accepts any certificate. */
export type SmtpOptions = { url: string; maxConnections?: number; timeoutMs?: number; helo?: string };

class SmtpReplyError extends Error {
  constructor(
    readonly code: number,
    text: string,
  ) {
    super(`SMTP ${code} ${text}`.slice(0, 200));
  }
}

/** One SMTP session, one command at a time. */
class Session {
  private buffer = '';
  private lines: string[] = [];
  private waiting: ((reply: { code: number; text: string }) => void) | null = null;
  private failed: Error | null = null;
  private onFail: ((e: Error) => void) | null = null;
  busy = false;
  closed = false;

  constructor(private socket: net.Socket | tls.TLSSocket) {
    this.listen(socket);
  }

  private listen(socket: net.Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.feed(chunk));
    const fail = (error: Error) => {
      this.closed = true;
      this.failed ??= error;
      this.onFail?.(this.failed);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\r\n')) >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.lines.push(line);
      // The last line of a reply has a space (or nothing) after its code.
      if (/^\d{3}(?: |$)/.test(line)) {
        const code = Number(line.slice(0, 3));
        const text = this.lines.map((l) => l.slice(4)).join('\n');
        this.lines = [];
        const resolve = this.waiting;
        this.waiting = null;
        resolve?.({ code, text });
      }
    }
  }

  /** Sends a command (or nothing, for the greeting) and waits for the reply; throws on an unexpected code. */
  reply(command: string | null, expect: number, timeoutMs: number): Promise<{ code: number; text: string }> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.closed = true;
        this.socket.destroy();
        reject(new Error(`no SMTP answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.onFail = (e) => {
        clearTimeout(timer);
        reject(e);
      };
      this.waiting = (r) => {
        clearTimeout(timer);
        this.onFail = null;
        if (Math.floor(r.code / 100) === Math.floor(expect / 100)) resolve(r);
        else reject(new SmtpReplyError(r.code, r.text));
      };
      if (command !== null) this.socket.write(`${command}\r\n`);
    });
  }

  /** Switches the connection to TLS (after a 220 to STARTTLS). */
  async startTls(host: string, rejectUnauthorized: boolean): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secure = tls.connect({ socket: plain, servername: host, rejectUnauthorized });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    this.socket = secure;
    this.listen(secure);
  }

  end(): void {
    this.closed = true;
    this.socket.end();
  }
}

/** Sends mail through one SMTP server with up to `maxConnections` sessions, reused between messages. */
export class SmtpTransport implements MailTransport {
  private readonly url: URL;
  private readonly idle: Session[] = [];
  private open = 0;
  private readonly queue: ((s: Session | null) => void)[] = [];
  private readonly max: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: SmtpOptions) {
    this.url = new URL(options.url);
    if (this.url.protocol !== 'smtp:' && this.url.protocol !== 'smtps:') throw new Error(`SMTP URL must start with smtp:// or smtps://, got ${this.url.protocol}//`);
    this.max = options.maxConnections ?? 4;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  private async connect(): Promise<Session> {
    const host = this.url.hostname;
    const secure = this.url.protocol === 'smtps:';
    const port = Number(this.url.port || (secure ? 465 : 587));
    const rejectUnauthorized = this.url.searchParams.get('tls') !== 'insecure';
    const socket = secure ? tls.connect({ host, port, servername: host, rejectUnauthorized }) : net.connect({ host, port });
    // Commands are small writes answered one by one: without this, Nagle's algorithm and delayed ACKs add ~40 ms to each.
    socket.setNoDelay(true);
    const session = new Session(socket);
    await session.reply(null, 220, this.timeoutMs);
    const helo = this.options.helo ?? os.hostname();
    let ehlo = await session.reply(`EHLO ${helo}`, 250, this.timeoutMs);
    if (!secure && /^STARTTLS$/im.test(ehlo.text)) {
      await session.reply('STARTTLS', 220, this.timeoutMs);
      await session.startTls(host, rejectUnauthorized);
      ehlo = await session.reply(`EHLO ${helo}`, 250, this.timeoutMs);
    }
    if (this.url.username) {
      const user = decodeURIComponent(this.url.username);
      const pass = decodeURIComponent(this.url.password);
      await session.reply(`AUTH PLAIN ${Buffer.from(`\0${user}\0${pass}`).toString('base64')}`, 235, this.timeoutMs);
    }
    return session;
  }

  /** A free session, a new one while under the limit, or the next one released. */
  private async acquire(): Promise<Session> {
    for (;;) {
      const session = this.idle.pop();
      if (!session) break;
      if (!session.closed) return session;
      this.open--;
    }
    if (this.open < this.max) {
      this.open++;
      try {
        return await this.connect();
      } catch (error) {
        this.open--;
        this.release(null);
        throw error;
      }
    }
    const next = await new Promise<Session | null>((resolve) => this.queue.push(resolve));
    return next ?? this.acquire();
  }

  private release(session: Session | null): void {
    if (session && session.closed) {
      this.open--;
      session = null;
    }
    const waiter = this.queue.shift();
    if (waiter) waiter(session);
    else if (session) this.idle.push(session);
  }

  /** Sends one message. 5xx to the recipient or the content is permanent; 4xx, timeouts and network errors are retried. */
  async send(message: MailMessage): Promise<Outcome> {
    let session: Session | null = null;
    try {
      session = await this.acquire();
      await session.reply(`MAIL FROM:<${message.from}>`, 250, this.timeoutMs);
      await session.reply(`RCPT TO:<${message.to}>`, 250, this.timeoutMs);
      await session.reply('DATA', 354, this.timeoutMs);
      // Dot-stuffing: a line starting with "." gets another; then the body and its end in one write.
      const body = message.raw.replace(/\r\n\./g, '\r\n..').replace(/^\./, '..');
      const done = await session.reply(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.`, 250, this.timeoutMs);
      this.release(session);
      return { kind: 'sent', detail: `SMTP ${done.code}` };
    } catch (error) {
      if (session && !session.closed) {
        // Leave the session clean for the next message.
        await session.reply('RSET', 250, this.timeoutMs).catch(() => session!.end());
      }
      if (session) this.release(session);
      if (error instanceof SmtpReplyError) return { kind: error.code >= 500 ? 'permanent' : 'retry', detail: error.message };
      const code = (error as NodeJS.ErrnoException).code;
      return { kind: 'retry', detail: `SMTP ${code ? `network error (${code})` : (error as Error).message}` };
    }
  }

  /** Says QUIT on every idle session. */
  async close(): Promise<void> {
    const sessions = this.idle.splice(0);
    await Promise.all(sessions.map((s) => s.reply('QUIT', 221, 2_000).catch(() => {}).finally(() => s.end())));
    this.open -= sessions.length;
  }
}
