/**
 * The « Serveur » menu of a playground (build-time markup, see src/build/playground-markup.ts):
 * a small form that sets the one server every snippet of the course uses (e.g. an instructor's).
 * Built on <details>, so it opens with the keyboard.
 */
import { normaliseServer } from '../../lib/server-url.ts';
import { ui } from '../../lib/strings.fr.ts';
import { chooseServer, currentServer, SERVER_CHANGE, siteServer } from './server-setting.ts';

/** Gives the menu in `details` its behaviour; it keeps itself in step with the setting. */
export function bindServerForm(details: HTMLDetailsElement): void {
  const form = details.querySelector('form')!;
  const input = form.querySelector('input')!;
  const help = form.querySelector<HTMLElement>('.ws-settings-help')!;
  const status = form.querySelector<HTMLElement>('.ws-settings-status')!;
  const reset = form.querySelector<HTMLButtonElement>('.ws-server-default')!;

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
}
