// Real local servers and certificates for the pinger's tests. Everything listens on 127.0.0.1, port 0.
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { check as checkSchema, type Check } from '../content/check-schema';
import type { PlannedCheck } from './plan';

export type Running = { port: number; url: string; close: () => Promise<void> };

type Closable = { close(cb: () => void): unknown; closeAllConnections?: () => void };

function closer(server: Closable, sockets?: Set<net.Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      for (const s of sockets ?? []) s.destroy();
      server.close(() => resolve());
    });
}

/** An HTTP (or, given a key and certificate, HTTPS) server on 127.0.0.1 with a random port. */
export async function serveHttp(handler: http.RequestListener, tls?: { key: string; cert: string }): Promise<Running> {
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`, close: closer(server) };
}

/** A raw TCP server: `onSocket` decides what (if anything) to do with each connection. */
export async function serveTcp(onSocket: (socket: net.Socket) => void = () => {}): Promise<Running> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}`, close: closer(server, sockets) };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const { port, close } = await serveTcp();
  await close();
  return port;
}

/** A minimal DNS server over UDP: answers A queries for the names given, NXDOMAIN for the rest. */
export async function serveDns(records: Record<string, string>): Promise<{ server: string; close: () => Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (query, peer) => {
    const labels: string[] = [];
    let at = 12;
    while (query[at]! > 0) {
      labels.push(query.subarray(at + 1, at + 1 + query[at]!).toString('ascii'));
      at += query[at]! + 1;
    }
    const questionEnd = at + 5;
    const address = records[labels.join('.').toLowerCase()];
    const qtype = query.readUInt16BE(at + 1);
    const answer = address && qtype === 1;
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    header.writeUInt16BE(address ? 0x8180 : 0x8183, 2); // response, recursion available; rcode 3 = NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answer ? 1 : 0, 6);
    const parts = [header, query.subarray(12, questionEnd)];
    if (answer) {
      const record = Buffer.alloc(16);
      record.writeUInt16BE(0xc00c, 0); // name: pointer to the question
      record.writeUInt16BE(1, 2); // type A
      record.writeUInt16BE(1, 4); // class IN
      record.writeUInt32BE(60, 6);
      record.writeUInt16BE(4, 10);
      address.split('.').forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
      parts.push(record);
    }
    socket.send(Buffer.concat(parts), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { server: `127.0.0.1:${socket.address().port}`, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

export type Certs = {
  /** The test CA, to trust through ProbeOptions.ca. */
  ca: string;
  /** Signed by the CA for 127.0.0.1, valid 90 days. */
  good: { key: string; cert: string };
  /** Signed by the CA for 127.0.0.1, expiring in under 5 days. */
  expiring: { key: string; cert: string };
  /** Signed by the CA for 127.0.0.1, expired a day ago. */
  expired: { key: string; cert: string };
  /** Self-signed for 127.0.0.1. */
  selfSigned: { key: string; cert: string };
};

/** Certificates made at test time with openssl (no network, nothing checked in). */
export function makeCerts(): Certs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-certs-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  fs.writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('req', '-x509', ...ecKey, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-subj', '/CN=Outpost Test CA', '-days', '2');
  const leaf = (name: string, days: number) => {
    openssl('req', '-new', ...ecKey, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', '/CN=127.0.0.1');
    openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-days', String(days), '-extfile', file('san.ext'), '-out', file(`${name}.pem`));
    return { key: fs.readFileSync(file(`${name}.key`), 'utf8'), cert: fs.readFileSync(file(`${name}.pem`), 'utf8') };
  };
  openssl('req', '-x509', ...ecKey, '-keyout', file('self.key'), '-out', file('self.pem'), '-subj', '/CN=127.0.0.1', '-days', '30', '-addext', 'subjectAltName=IP:127.0.0.1');
  const certs: Certs = {
    ca: fs.readFileSync(file('ca.pem'), 'utf8'),
    good: leaf('good', 90),
    expiring: leaf('expiring', 5),
    expired: leaf('expired', -1),
    selfSigned: { key: fs.readFileSync(file('self.key'), 'utf8'), cert: fs.readFileSync(file('self.pem'), 'utf8') },
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return certs;
}

/** A planned check from a raw definition (validated by the real schema) and fast test timings. */
export function plan(definition: Record<string, unknown>, overrides: Partial<Omit<PlannedCheck, 'check' | 'probe'>> & { probe?: Partial<PlannedCheck['probe']> } = {}): PlannedCheck {
  const check: Check = checkSchema.parse(definition);
  return {
    id: overrides.id ?? 'probe',
    componentId: overrides.componentId ?? 'component',
    check,
    intervalSeconds: overrides.intervalSeconds ?? 60,
    retries: overrides.retries ?? 0,
    retryDelayMs: overrides.retryDelayMs ?? 0,
    probe: { timeoutMs: 5_000, degradedAboveMs: 1_000, maxBodyBytes: 1_048_576, ...overrides.probe },
  };
}
