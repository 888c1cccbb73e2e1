import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addQueries, visibleLines, type SnapshotElement } from './page-snapshot.ts';

const el = (tag: string, parent: number, more: Partial<SnapshotElement> = {}): SnapshotElement => ({ tag, id: '', classes: [], attrs: {}, text: '', parent, ...more });

// <p id="etat" class="badge ok" data-state="open">Connecté</p><ul><li class="moi">a</li><li>b</li></ul><form><input name="m"></form>
const page = () =>
  addQueries({
    elements: [
      el('p', -1, { id: 'etat', classes: ['badge', 'ok'], attrs: { id: 'etat', class: 'badge ok', 'data-state': 'open' }, text: 'Connecté' }),
      el('ul', -1),
      el('li', 1, { classes: ['moi'], text: 'a' }),
      el('li', 1, { text: 'b' }),
      el('form', -1),
      el('input', 4, { attrs: { name: 'm' }, value: 'x' }),
    ],
  });

test('finds elements by tag, id, class and attribute, alone or combined', () => {
  const p = page();
  assert.equal(p.query('#etat')?.text, 'Connecté');
  assert.equal(p.query('p.badge.ok[data-state="open"]')?.id, 'etat');
  assert.equal(p.query('[data-state=closed]'), null);
  assert.equal(p.queryAll('li').length, 2);
  assert.equal(p.query('li.moi')?.text, 'a');
  assert.equal(p.query('input[name]')?.value, 'x');
});

test('finds descendants separated by spaces', () => {
  const p = page();
  assert.deepEqual(p.queryAll('ul li').map((e) => e.text), ['a', 'b']);
  assert.equal(p.query('form li'), null);
  assert.equal(p.query('form input')?.tag, 'input');
});

test('refuses a selector it does not understand, in French', () => {
  assert.throws(() => page().query('ul > li'), /Sélecteur non pris en charge/);
});

test('works from its own source text, as the check worker gets it', () => {
  const rebuilt = new Function(`return (${addQueries.toString()})`)() as typeof addQueries;
  assert.equal(rebuilt({ elements: [el('p', -1, { text: 'x' })] }).query('p')?.text, 'x');
});

test('keeps the visible lines of a text, trimmed and without blank ones', () => {
  assert.deepEqual(visibleLines('  Chat \n\n\tConnecté\n '), ['Chat', 'Connecté']);
});
