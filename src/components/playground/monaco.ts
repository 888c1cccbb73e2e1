/**
 * Monaco, bundled by Vite and loaded only when a playground needs it (see editor.ts).
 * Only the editor core and the contributions a snippet editor needs: no TypeScript worker,
 * whose 6.7 MB would buy little here; syntax errors come from acorn (src/lib/syntax.ts), and
 * completion and hover on the WebSocket API from websocket-help.ts.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
// The package exports no path to its icon font; without this, the font 404s (its CSS is injected inline).
import codiconFont from '../../../node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.ttf?url';
import { shikiToMonaco } from '@shikijs/monaco';
import { createHighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import javascript from 'shiki/langs/javascript.mjs';
import githubDark from 'shiki/themes/github-dark-high-contrast.mjs';
import githubLight from 'shiki/themes/github-light-high-contrast.mjs';
import { registerWebSocketHelp } from './websocket-help.ts';

/** The Shiki themes of the static code blocks (astro.config.mjs), by Starlight theme. */
export const THEMES = { dark: 'github-dark-high-contrast', light: 'github-light-high-contrast' } as const;

const LIGHT_CONTRAST = { 'editorLineNumber.foreground': '#66707b', 'editor.lineHighlightBackground': '#f6f8fa' };

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

// Declared after Monaco's own @font-face (injected by its imports above), so this one wins.
const fontFace = document.createElement('style');
fontFace.textContent = `@font-face { font-family: "codicon"; font-display: block; src: url(${JSON.stringify(codiconFont)}) format("truetype"); }`;
document.head.append(fontFace);

const highlighter = await createHighlighterCore({
  // Line numbers are text too, and so are comments on the current line: the light theme's own
  // greys read below WCAG's 4.5:1 there.
  themes: [githubDark, { ...githubLight, colors: { ...githubLight.colors, ...LIGHT_CONTRAST } }],
  langs: [javascript],
  engine: createJavaScriptRegexEngine(),
});
monaco.languages.register({ id: 'javascript' });
shikiToMonaco(highlighter, monaco);
registerWebSocketHelp(monaco);

export { monaco };
