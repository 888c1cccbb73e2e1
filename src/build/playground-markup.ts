/**
 * The playground's chrome, rendered at build time as hast (the way Starlight's Tabs.astro renders
 * its tabs): toolbar, « Serveur » menu, notices, output tabs and panels, verdict. The custom
 * element (src/components/playground/element.ts) only adds behaviour to this markup, so the page
 * is laid out before any script runs and nothing moves when the element upgrades.
 *
 * Stable hooks for the element and the modules that render into it:
 * - `.ws-code` holds the static block (and later the editor), followed by `.ws-hint`, `.ws-older`,
 *   `.ws-toolbar` and `.ws-narration`;
 * - `.ws-toolbar` holds `button.ws-run|ws-step|ws-next|ws-stop|ws-reset|ws-load-solution`,
 *   `details.ws-settings` and `p.ws-status`;
 * - `[role=tablist].ws-tabs` has one `[role=tab][data-tab=NAME]` per panel, in this order:
 *   console, lifecycle, preview, frames; each panel is `[role=tabpanel][data-panel=NAME]`;
 * - `.ws-console` (role log) sits in the console panel, `.ws-timeline` (role group) in the
 *   lifecycle panel; the preview and frames panels hold only a `.ws-placeholder` until a module
 *   renders into them; `p.ws-verdict` follows the panels.
 */
import type { Element, ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import { PANELS, type PanelName } from '../lib/playground-tabs.ts';
import { ui } from '../lib/strings.fr.ts';

const TAB_LABELS: Record<PanelName, string> = { console: ui.console, lifecycle: ui.timeline, preview: ui.preview, frames: ui.frames };

/** The ids of playground `n`'s parts: unique on the page, since `n` is the snippet's index there. */
export const partId = (n: number, part: string) => `ws-${n}-${part}`;

/** The toolbar: the buttons, the « Serveur » menu and the status line. */
export function toolbar(n: number, hasSolution: boolean): Element {
  const button = (className: string, label: string, extra: Record<string, unknown> = {}) =>
    h('button', { type: 'button', className: ['ws-button', className], ...extra }, label);
  return h('div', { className: ['ws-toolbar', 'not-content'] }, [
    button('ws-run', ui.run, { title: ui.runHint, ariaKeyShortcuts: 'Control+Enter Meta+Enter' }),
    button('ws-step', ui.step),
    button('ws-next', ui.next, { hidden: true, disabled: true }),
    button('ws-stop', ui.stop, { disabled: true }),
    button('ws-reset', ui.reset),
    ...(hasSolution ? [button('ws-load-solution', ui.showSolution)] : []),
    serverForm(n),
    h('p', { className: ['ws-status'], role: 'status' }),
  ]);
}

/** The « Serveur » menu; its help text names the page's own server, so the element fills it in. */
function serverForm(n: number): Element {
  const input = partId(n, 'server');
  return h('details', { className: ['ws-settings'] }, [
    h('summary', { className: ['ws-button'] }, [h('span', { ariaHidden: 'true' }, '⚙ '), ui.settings]),
    h('form', { className: ['ws-settings-form'] }, [
      h('label', { htmlFor: input }, ui.serverLabel),
      h('input', inputProps(input)),
      h('p', { className: ['ws-settings-help'], id: `${input}-help` }),
      h('div', { className: ['ws-settings-buttons'] }, [
        h('button', { type: 'submit', className: ['ws-button'] }, ui.serverUse),
        h('button', { type: 'button', className: ['ws-button', 'ws-server-default'] }, ui.serverDefault),
      ]),
      h('p', { className: ['ws-settings-status'], role: 'status' }),
    ]),
  ]);
}

/** The server address field; `spellcheck="false"` is a string here, as a boolean false would drop it. */
function inputProps(id: string): Properties {
  return { id, name: 'server', type: 'text', inputMode: 'url', spellCheck: 'false', ariaDescribedBy: [`${id}-help`] };
}

/** What sits under the code: the keyboard hint, the « saved older version » notice, `toolbar`, « Pas à pas ». */
export function codeNotes(toolbar: Element): Element[] {
  return [
    h('p', { className: ['ws-hint', 'not-content'] }, ui.editorHint),
    h('p', { className: ['ws-older', 'not-content'], hidden: true }, ui.savedOlder),
    toolbar,
    h('div', { className: ['ws-narration', 'not-content'], hidden: true }),
  ];
}

/** The tab list and its panels (the first tab selected), then the verdict. */
export function outputTabs(n: number): Element[] {
  const tabs = h(
    'div',
    { role: 'tablist', className: ['ws-tabs'], ariaLabel: ui.outputTabs },
    PANELS.map((name, i) =>
      h('button', {
        type: 'button',
        role: 'tab',
        id: partId(n, `tab-${name}`),
        dataTab: name,
        ariaControls: partId(n, `panel-${name}`),
        ariaSelected: String(i === 0),
        tabIndex: i === 0 ? 0 : -1,
      }, TAB_LABELS[name]),
    ),
  );
  const tab = (name: PanelName) => partId(n, `tab-${name}`);
  const placeholder = (text: string): ElementContent => h('p', { className: ['ws-placeholder'] }, text);
  const contents: Record<PanelName, ElementContent[]> = {
    // Panels are not landmarks: a lesson may hold many playgrounds, each with its console.
    console: [h('div', { className: ['ws-console'], role: 'log', ariaLive: 'polite', tabIndex: 0, ariaLabelledBy: tab('console') }, [
      h('ol', { className: ['ws-lines'] }, [h('li', { className: ['ws-line', 'ws-placeholder'] }, [h('span', { className: ['ws-text'] }, ui.emptyConsole)])]),
    ])],
    lifecycle: [h('div', { className: ['ws-timeline'], role: 'group', tabIndex: 0, ariaLabelledBy: tab('lifecycle') }, [placeholder(ui.emptyTimeline)])],
    preview: [placeholder(ui.emptyPreview)],
    frames: [placeholder(ui.emptyFrames)],
  };
  const panels = h(
    'div',
    { className: ['ws-panels'] },
    PANELS.map((name, i) =>
      h('div', {
        role: 'tabpanel',
        id: partId(n, `panel-${name}`),
        className: ['ws-panel'],
        dataPanel: name,
        ariaLabelledBy: tab(name),
        // The console and the timeline are focusable themselves; the other panels hold what modules put there.
        tabIndex: name === 'preview' || name === 'frames' ? 0 : undefined,
        hidden: i !== 0,
      }, contents[name]),
    ),
  );
  const verdict = h('p', { className: ['ws-verdict', 'not-content'], role: 'status', hidden: true });
  return [tabs, panels, verdict];
}
