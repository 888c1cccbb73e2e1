/**
 * Vite plugin: CSS imported from inside monaco-editor is injected at run time instead of
 * being linked. Starlight pages share one route, so a linked stylesheet would load
 * Monaco's ~175 KB of CSS on every page, even those without a playground.
 */
import type { Plugin } from 'vite';

// The id must not end in `.css`, or Vite's own CSS pipeline claims it.
const PREFIX = '\0monaco-style:';
const SUFFIX = '.js';

/** See the module comment. */
export function monacoCssAtRuntime(): Plugin {
  return {
    name: 'monaco-css-at-runtime',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('.css') || !importer?.includes('monaco-editor')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? `${PREFIX}${resolved.id}${SUFFIX}` : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      const { readFile } = await import('node:fs/promises');
      const css = await readFile(file, 'utf8');
      return `const style = document.createElement('style');
style.dataset.monaco = '';
style.textContent = ${JSON.stringify(css)};
document.head.append(style);`;
    },
  };
}
