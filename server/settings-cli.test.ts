import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadConfig, markdownTable } from './settings-cli.ts';
import { DEFAULT_OPTIONS, settingEntries } from './settings.ts';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

test('a bad value exits with code 2 and names the setting', () => {
  const run = spawnSync(process.execPath, [MAIN, '--max-payload', 'abc'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr.trim(), 'Réglage invalide : MAX_PAYLOAD (--max-payload) doit être un entier entre 1 et 104857600 ; reçu « abc ».');
});

test('a bad environment variable exits with code 2 too', () => {
  const run = spawnSync(process.execPath, [MAIN], { encoding: 'utf8', env: { ...process.env, RATE_LIMIT: '-3' } });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /RATE_LIMIT \(--rate-limit\)/);
});

test('--help lists every setting and exits with 0', () => {
  const run = spawnSync(process.execPath, [MAIN, '--help'], { encoding: 'utf8' });
  assert.equal(run.status, 0);
  assert.match(run.stdout, /--max-connections-per-ip <valeur>\s+\(MAX_CONNECTIONS_PER_IP, défaut : 50\)/);
});

test('a flag wins over its environment variable', () => {
  const result = loadConfig(['--port', '9000'], { PORT: '7000', HOST: '0.0.0.0' });
  assert.equal(result.kind, 'options');
  if (result.kind === 'options') {
    assert.equal(result.options.port, 9000);
    assert.equal(result.options.host, '0.0.0.0');
    assert.equal(result.options.maxPayload, DEFAULT_OPTIONS.maxPayload);
  }
});

test('parses origins, booleans and their negation', () => {
  const result = loadConfig(['--allowed-origins', 'https://cours.exemple.fr/, http://localhost:4321', '--trust-proxy'], {});
  assert.ok(result.kind === 'options');
  assert.deepEqual(result.options.allowedOrigins, ['https://cours.exemple.fr', 'http://localhost:4321']);
  assert.equal(result.options.trustProxy, true);
  const negated = loadConfig(['--no-trust-proxy'], { TRUST_PROXY: 'oui' });
  assert.ok(negated.kind === 'options' && negated.options.trustProxy === false);
});

test('the README documents exactly the settings table', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(markdownTable()), 'regenerate the table with: node -e "import(\'./server/settings-cli.ts\').then(m => console.log(m.markdownTable()))"');
});

test('every setting has its own flag and variable, and its default passes its own rule', () => {
  const entries = settingEntries();
  assert.equal(new Set(entries.map((s) => s.flag)).size, entries.length);
  assert.equal(new Set(entries.map((s) => s.env)).size, entries.length);
  for (const s of entries) assert.ok(s.rule && s.description, s.key);
  assert.deepEqual(loadConfig([], {}), { kind: 'options', options: DEFAULT_OPTIONS });
});
