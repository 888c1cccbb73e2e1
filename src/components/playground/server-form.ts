/**
 * The « Serveur » menu of a playground: a small form that sets the one server every snippet
 * of the course uses (e.g. an instructor's). Built on <details>, so it opens with the keyboard.
 */
import { normaliseServer } from '../../lib/server-url.ts';
import { ui } from '../../lib/strings.fr.ts';
import { chooseServer, currentServer, SERVER_CHANGE, siteServer } from './server-setting.ts';

let forms = 0;

/** Builds the menu; it keeps itself in step with the setting. */
export function createServerForm(): HTMLDetailsElement {
  const n = ++forms;
  const details = document.createElement('details');
  details.className = 'ws-settings';
  const summary = document.createElement('summary');
  summary.className = 'ws-button';
  const gear = document.createElement('span');
  gear.setAttribute('aria-hidden', 'true');
  gear.textContent = '⚙ ';
  summary.append(gear, ui.settings);

  const form = document.createElement('form');
  form.className = 'ws-settings-form';
  const label = document.createElement('label');
  label.htmlFor = `ws-server-${n}`;
  label.textContent = ui.serverLabel;
  const input = document.createElement('input');
  input.id = `ws-server-${n}`;
  input.name = 'server';
  input.type = 'text';
  input.inputMode = 'url';
  input.spellcheck = false;
  const help = document.createElement('p');
  help.className = 'ws-settings-help';
  help.id = `ws-server-${n}-help`;
  input.setAttribute('aria-describedby', help.id);
  const use = document.createElement('button');
  use.type = 'submit';
  use.className = 'ws-button';
  use.textContent = ui.serverUse;
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.className = 'ws-button';
  reset.textContent = ui.serverDefault;
  const status = document.createElement('p');
  status.className = 'ws-settings-status';
  status.setAttribute('role', 'status');
  const buttons = document.createElement('div');
  buttons.className = 'ws-settings-buttons';
  buttons.append(use, reset);
  form.append(label, input, help, buttons, status);
  details.append(summary, form);

  const refresh = () => {
    input.value = currentServer();
    help.textContent = ui.serverHelp(siteServer());
    input.removeAttribute('aria-invalid');
  };
  refresh();
  addEventListener(SERVER_CHANGE, refresh);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!normaliseServer(input.value)) {
      input.setAttribute('aria-invalid', 'true');
      status.textContent = ui.serverInvalid;
      input.focus();
      return;
    }
    status.textContent = ui.serverCurrent(chooseServer(input.value));
  });
  reset.addEventListener('click', () => {
    status.textContent = ui.serverCurrent(chooseServer(undefined));
  });
  return details;
}
