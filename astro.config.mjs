// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { remarkPlayground } from './src/build/remark-playground.ts';
import { remarkDiagram } from './src/build/remark-diagram.ts';
import { monacoCssAtRuntime } from './src/build/vite-monaco-css.ts';
import { precompress } from './src/build/precompress.ts';
import { devCourse } from './src/build/dev-course.ts';

export default defineConfig({
  // The server (server/main.ts) serves dist/; no adapter, the whole course is static.
  markdown: { remarkPlugins: [remarkPlayground, remarkDiagram] },
  vite: { plugins: [monacoCssAtRuntime()] },
  integrations: [
    starlight({
      title: 'WebSockets, pas à pas',
      description: "Un cours interactif en français sur l'API WebSocket du navigateur.",
      defaultLocale: 'root',
      locales: { root: { label: 'Français', lang: 'fr' } },
      customCss: ['./src/styles/course.css', './src/styles/diagram.css'],
      components: {
        MarkdownContent: './src/components/MarkdownContent.astro',
        Sidebar: './src/components/Sidebar.astro',
      },
      expressiveCode: {
        // The high-contrast GitHub themes keep every token at WCAG AA; the plain ones do not.
        themes: ['github-dark-high-contrast', 'github-light-high-contrast'],
        // Keep Shiki's colours untouched so Monaco (same themes) matches the static blocks.
        minSyntaxHighlightingColorContrast: 0,
      },
      sidebar: [
        { label: 'Découvrir', items: [{ autogenerate: { directory: 'decouvrir' } }] },
        { label: 'Côté client', items: [{ autogenerate: { directory: 'client' } }] },
        { label: 'Côté serveur', items: [{ autogenerate: { directory: 'serveur' } }] },
        { label: 'Comparer et sécuriser', items: [{ autogenerate: { directory: 'comparer' } }] },
      ],
    }),
    // `npm run dev` only: the companion server's endpoints on the dev server's own origin.
    devCourse(),
    // Last: it compresses what every integration before it wrote, Pagefind's files included.
    precompress(),
  ],
});
