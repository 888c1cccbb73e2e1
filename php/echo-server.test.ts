/**
 * The PHP echo server (php/echo-server.php) passes what the course's /echo passes: every
 * lesson snippet that talks only to ws://localhost:8080/echo, run against it with the same
 * expected output; raw frames no browser would send; and an independent Python client.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { matchesOutput, snippetsFromMarkdown } from '../src/lib/snippets.ts';
import { encodeFrame, OPCODES, type DecodedFrame } from '../test-support/frames.ts';
import { lessonFiles } from '../test-support/lessons.ts';
import { runs, skipUnless } from '../test-support/programs.ts';
import { closeCodeOf, frameReader, request, tcp, upgradeRequest } from '../test-support/raw-socket.ts';
import { runSnippet } from './run-snippet.ts';

const PHP = process.env.PHP_BINARY ?? 'php';
const PYTHON = '/usr/bin/python3'; // Debian's python3-websockets lives there
const MAX_PAYLOAD = 1024 * 1024;
const skipPhp = skipUnless(runs(PHP, ['--version']), 'PHP', 'php-cli');
const skipPython = skipPhp ?? skipUnless(runs(PYTHON, ['-c', 'import websockets']), 'Python websockets', 'python3-websockets');

let php: ChildProcess;
let port = 0;

before(async () => {
  if (skipPhp) return;
  php = spawn(PHP, ['php/echo-server.php', '--port', '0', '--max-payload', String(MAX_PAYLOAD)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  port = await new Promise<number>((resolve, reject) => {
    php.once('exit', (code) => reject(new Error(`php exited with ${code}`)));
    php.stdout!.on('data', (chunk: Buffer) => {
      const match = /:(\d+)\//.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
  });
});

after(() => {
  php?.kill('SIGTERM');
});

/** Lesson snippets whose only server is the course's echo endpoint. */
function echoSnippets() {
  const found = [];
  // .mdx lessons included: the one walker sees every lesson the site builds.
  for (const lesson of lessonFiles()) {
    const file = `src/content/docs/${lesson.file}`;
    for (const snippet of snippetsFromMarkdown(lesson.text)) {
      const urls = snippet.code.match(/(?:ws|http)s?:\/\/localhost:8080[^\s"'`]*/g) ?? [];
      // A page snippet (`html page`) needs a document: only a browser runs it (e2e page sessions).
      if (snippet.kind !== 'run' || !snippet.output || snippet.html !== undefined || urls.length === 0) continue;
      if (urls.every((url) => /^ws:\/\/localhost:8080\/echo(?![\w/-])/.test(url))) found.push({ file, snippet });
    }
  }
  return found;
}

describe('lesson snippets against the PHP server', { skip: skipPhp }, () => {
  const snippets = echoSnippets();
  test('finds at least one lesson snippet using /echo', () => assert.ok(snippets.length > 0));
  for (const { file, snippet } of snippets) {
    test(`${file}:${snippet.line} prints its declared output`, async () => {
      const code = snippet.code.replaceAll('ws://localhost:8080', `ws://127.0.0.1:${port}`);
      const run = await runSnippet(code);
      assert.ok(run.finished, `the run did not end by itself:\n${run.logs.join('\n')}`);
      assert.ok(matchesOutput(snippet.output!, run.logs), `expected:\n${snippet.output!.join('\n')}\ngot:\n${run.logs.join('\n')}`);
    });
  }
});

/** A raw TCP client: performs the handshake, then sends and reads frames byte by byte. */
async function rawClient(path = '/echo', extraHeaders = ''): Promise<{ socket: Socket; head: string; next(): Promise<DecodedFrame | 'end'> }> {
  const socket = await tcp(port);
  const { head, rest } = await request(socket, upgradeRequest(path, extraHeaders));
  return { socket, head, next: frameReader(socket, rest) };
}

const MASK = new Uint8Array([0x12, 0x34, 0x56, 0x78]);
const masked = (opcode: number, payload: Uint8Array | string, fin = true) =>
  encodeFrame({ fin, opcode, mask: MASK, payload: typeof payload === 'string' ? Buffer.from(payload) : payload });
const closeCode = (frame: DecodedFrame | 'end') => (frame === 'end' ? 'end' : closeCodeOf(frame));

describe('PHP echo server, frame by frame', { skip: skipPhp }, () => {
  test('answers the handshake with RFC 6455’s Sec-WebSocket-Accept', async () => {
    const client = await rawClient('/echo', 'Sec-WebSocket-Protocol: soap, json\r\n');
    assert.match(client.head, /^HTTP\/1\.1 101 /);
    assert.match(client.head, /\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=/);
    assert.match(client.head, /\r\nSec-WebSocket-Protocol: json/);
    client.socket.destroy();
  });

  test('refuses a request that is not an upgrade with 400', async () => {
    const socket = await tcp(port);
    const { head } = await request(socket, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 400 /);
  });

  test('echoes text as text and binary as binary', async () => {
    const client = await rawClient();
    client.socket.write(masked(OPCODES.text, 'Bonjour'));
    client.socket.write(masked(OPCODES.binary, new Uint8Array([0, 255, 1])));
    const text = await client.next();
    const binary = await client.next();
    assert.ok(text !== 'end' && binary !== 'end');
    assert.equal(text.opcode, OPCODES.text);
    assert.equal(Buffer.from(text.payload).toString(), 'Bonjour');
    assert.equal(text.mask, undefined, 'servers never mask');
    assert.equal(binary.opcode, OPCODES.binary);
    assert.deepEqual([...binary.payload], [0, 255, 1]);
    client.socket.destroy();
  });

  for (const size of [125, 126, 65535, 65536]) {
    test(`echoes a ${size}-byte payload`, async () => {
      const client = await rawClient();
      const payload = new Uint8Array(size).map((_, i) => i % 251);
      client.socket.write(masked(OPCODES.binary, payload));
      const frame = await client.next();
      assert.ok(frame !== 'end');
      assert.equal(frame.headerLength, size < 126 ? 2 : size < 65536 ? 4 : 10);
      assert.deepEqual(Buffer.from(frame.payload), Buffer.from(payload));
      client.socket.destroy();
    });
  }

  test('reassembles a fragmented message, with a ping in the middle', async () => {
    const client = await rawClient();
    client.socket.write(masked(OPCODES.text, 'frag', false));
    client.socket.write(masked(OPCODES.ping, 'toc'));
    client.socket.write(masked(OPCODES.continuation, 'men', false));
    client.socket.write(masked(OPCODES.continuation, 'té'));
    const pong = await client.next();
    const message = await client.next();
    assert.ok(pong !== 'end' && message !== 'end');
    assert.equal(pong.opcode, OPCODES.pong);
    assert.equal(Buffer.from(pong.payload).toString(), 'toc');
    assert.equal(message.opcode, OPCODES.text);
    assert.equal(Buffer.from(message.payload).toString(), 'fragmenté');
    client.socket.destroy();
  });

  test('echoes the close code and reason, then ends the connection', async () => {
    const client = await rawClient();
    const payload = Buffer.concat([Buffer.from([0x0f, 0xa1]), Buffer.from('Au revoir')]); // 4001
    client.socket.write(masked(OPCODES.close, payload));
    const frame = await client.next();
    assert.ok(frame !== 'end');
    assert.equal(frame.opcode, OPCODES.close);
    assert.equal(closeCode(frame), 4001);
    assert.equal(Buffer.from(frame.payload.subarray(2)).toString(), 'Au revoir');
    assert.equal(await client.next(), 'end');
  });

  const failures: [string, () => Uint8Array[], number][] = [
    ['an unmasked frame', () => [encodeFrame({ opcode: OPCODES.text, payload: Buffer.from('nu') })], 1002],
    ['invalid UTF-8 in a text message', () => [masked(OPCODES.text, new Uint8Array([0x68, 0xc3, 0x28]))], 1007],
    ['a message above --max-payload', () => [masked(OPCODES.binary, new Uint8Array(MAX_PAYLOAD + 1))], 1009],
    ['a continuation with nothing to continue', () => [masked(OPCODES.continuation, 'x')], 1002],
    ['an unknown opcode', () => [masked(0x3, 'x')], 1002],
    ['a fragmented ping', () => [masked(OPCODES.ping, 'x', false)], 1002],
    ['a reserved close code', () => [masked(OPCODES.close, new Uint8Array([0x03, 0xed]))], 1002], // 1005
  ];
  for (const [what, frames, code] of failures) {
    test(`closes with ${code} on ${what}`, async () => {
      const client = await rawClient();
      for (const frame of frames()) client.socket.write(frame);
      const frame = await client.next();
      assert.ok(frame !== 'end', 'the server hung up without a close frame');
      assert.equal(frame.opcode, OPCODES.close);
      assert.equal(closeCode(frame), code);
      client.socket.destroy();
    });
  }
});

describe('PHP echo server with an independent client', { skip: skipPhp }, () => {
  const script = `
import asyncio, sys, websockets
async def main():
    async with websockets.connect(sys.argv[1], max_size=None, subprotocols=["chat"]) as ws:
        assert ws.subprotocol == "chat"
        for payload in ["Bonjour", "é" * 70000, b"\\x00\\xff" * 40000]:
            await ws.send(payload)
            assert await ws.recv() == payload
        await ws.send(["frag", "ment", "é"])
        assert await ws.recv() == "fragmenté"
        await (await ws.ping(b"toc"))
        await ws.close(4000, "fini")
    print(ws.close_code, ws.close_reason)
asyncio.run(main())
`;
  test('Python websockets exchanges text, binary, fragments, ping and close', { skip: skipPython }, async () => {
    const child = spawn(PYTHON, ['-c', script, `ws://127.0.0.1:${port}/echo`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const status = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(status, 0, err);
    assert.equal(out.trim(), '4000 fini');
  });
});
