import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { test } from 'node:test';
import { createAdmission, STATUS, VERDICT, type AdmissionPolicy } from './admission.ts';

const POLICY: AdmissionPolicy = { maxConnections: 3, maxConnectionsPerIp: 2, allowedOrigins: [], trustProxy: false };

/** A request as admission reads it: headers and the peer's address. */
function request(headers: Record<string, string> = {}, address = '203.0.113.7'): IncomingMessage {
  return { headers: { host: 'cours.exemple.fr', ...headers }, socket: { remoteAddress: address } } as unknown as IncomingMessage;
}

/** A response that records what was written, and emits 'close' like Node's. */
function response(): ServerResponse & { status: number; headers: Record<string, string>; body: string } {
  const res = Object.assign(new EventEmitter(), { status: 0, headers: {} as Record<string, string>, body: '' });
  return Object.assign(res, {
    writeHead(status: number, headers: Record<string, string>) {
      res.status = status;
      res.headers = headers;
      return res;
    },
    end(body: string) {
      res.body = body;
    },
  }) as unknown as ServerResponse & typeof res;
}

test('admits up to the per-IP cap, then answers 429', () => {
  const admission = createAdmission(POLICY, () => {});
  const req = request();
  for (let i = 0; i < 2; i++) {
    assert.equal(admission.check(req, '203.0.113.7', false), VERDICT.ADMITTED);
    admission.hold('203.0.113.7');
  }
  assert.equal(admission.check(req, '203.0.113.7', false), VERDICT.ADDRESS_FULL);
  assert.equal(STATUS[VERDICT.ADDRESS_FULL], 429);
  assert.equal(admission.check(req, '198.51.100.1', false), VERDICT.ADMITTED);
});

test('answers 503 at the global cap, whatever the address', () => {
  const admission = createAdmission(POLICY, () => {});
  for (const ip of ['a', 'b', 'c']) admission.hold(ip);
  assert.equal(admission.check(request(), 'd', false), VERDICT.SERVER_FULL);
  assert.equal(STATUS[VERDICT.SERVER_FULL], 503);
});

test('a released slot can be taken again', () => {
  const admission = createAdmission({ ...POLICY, maxConnectionsPerIp: 1 }, () => {});
  admission.hold('a');
  assert.equal(admission.check(request(), 'a', false), VERDICT.ADDRESS_FULL);
  admission.release('a');
  assert.equal(admission.size, 0);
  assert.equal(admission.check(request(), 'a', false), VERDICT.ADMITTED);
});

test('checks the Origin only where it applies, and before the caps', () => {
  const admission = createAdmission({ ...POLICY, maxConnectionsPerIp: 1 }, () => {});
  admission.hold('a');
  const foreign = request({ origin: 'https://pirate.exemple' });
  assert.equal(admission.check(foreign, 'a', true), VERDICT.ORIGIN);
  assert.equal(STATUS[VERDICT.ORIGIN], 403);
  assert.equal(admission.check(foreign, 'a', false), VERDICT.ADDRESS_FULL);
  assert.equal(admission.check(request({ origin: 'null' }), 'b', true), VERDICT.ADMITTED);
});

test('refuses everything with 503 once stopped', () => {
  const admission = createAdmission(POLICY, () => {});
  admission.stop();
  assert.equal(admission.check(request(), 'a', false), VERDICT.STOPPING);
  assert.equal(STATUS[VERDICT.STOPPING], 503);
});

test('admitResponse counts a held response until its close, exactly once', () => {
  const admission = createAdmission(POLICY, () => {});
  const res = response();
  assert.equal(admission.admitResponse(request(), res), true);
  assert.equal(admission.size, 1);
  res.emit('close');
  res.emit('close');
  assert.equal(admission.size, 0);
});

test('admitResponse answers a refusal with its status, Retry-After, the extra headers and a French body', () => {
  const statuses: number[] = [];
  const admission = createAdmission({ ...POLICY, maxConnectionsPerIp: 1 }, (status) => statuses.push(status));
  assert.equal(admission.admitResponse(request(), response()), true);
  const refused = response();
  assert.equal(admission.admitResponse(request(), refused, { 'Access-Control-Allow-Origin': '*' }), false);
  assert.equal(refused.status, 429);
  assert.equal(refused.headers['Retry-After'], '10');
  assert.equal(refused.headers['Access-Control-Allow-Origin'], '*');
  assert.equal(refused.body, 'Trop de connexions depuis votre adresse.\n');
  assert.deepEqual(statuses, [429]);
  assert.equal(admission.size, 1);
});

test('a refusal while stopping carries no Retry-After', () => {
  const admission = createAdmission(POLICY, () => {});
  admission.stop();
  const res = response();
  assert.equal(admission.admitResponse(request(), res), false);
  assert.equal(res.status, 503);
  assert.equal(res.headers['Retry-After'], undefined);
});
