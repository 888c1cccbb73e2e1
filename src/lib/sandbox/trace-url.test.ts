import { test } from 'node:test';
import assert from 'node:assert/strict';
import { traceSuffix, tracedUrl, visibleUrl } from './trace-url.ts';

const trace = { token: 'abcDEF_-123', server: 'ws://localhost:8080', tag: 'p1r2' };

test('adds the token only to sockets bound for the server that issued it', () => {
  assert.equal(traceSuffix('ws://localhost:8080/echo', trace, 3), '?ws-trace=abcDEF_-123.p1r2-3');
  assert.equal(traceSuffix('ws://localhost:8080/echo?room=a', trace, 1), '&ws-trace=abcDEF_-123.p1r2-1');
  assert.equal(traceSuffix('ws://localhost:9000/echo', trace, 1), undefined);
  assert.equal(traceSuffix('wss://localhost:8080/echo', trace, 1), undefined);
  assert.equal(traceSuffix('ws://evil.example/echo', trace, 1), undefined);
  assert.equal(traceSuffix('pas une adresse', trace, 1), undefined);
  assert.equal(traceSuffix('ws://localhost:8080/echo', undefined, 1), undefined);
  assert.equal(traceSuffix('ws://localhost:8080/echo', { ...trace, tag: 'a&b' }, 1), undefined);
});

test('hides the suffix from the URL the learner reads', () => {
  for (const url of ['ws://localhost:8080/echo', 'ws://localhost:8080/echo?x=1', 'ws://localhost:8080/echo?']) {
    const suffix = traceSuffix(url, trace, 1)!;
    const opened = tracedUrl(url, suffix);
    assert.ok(new URL(opened).searchParams.has('ws-trace'));
    assert.equal(visibleUrl(opened, suffix), new URL(url).href);
  }
});
