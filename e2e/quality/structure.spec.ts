/**
 * Gate « structure »: every page declares the right language, has a title no other page has,
 * one <h1>, headings that never skip a level, internal links that lead somewhere (anchors
 * included), and images with alt text. The page is loaded once (scripts run, so what the
 * playgrounds add counts) and each rule is a test of its own on that snapshot.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { bullets, LANG, sitePages } from './site.ts';

interface Snapshot {
  lang: string;
  title: string;
  h1: string[];
  /** Headings of <main>, in document order (sidebars have their own landmark headings). */
  headings: { level: number; text: string }[];
  links: { href: string; text: string }[];
  images: { src: string; alt: string | null; inContent: boolean }[];
}

const pages = sitePages();

/** Status and anchor ids of each internal URL, fetched once per worker however many pages link to it. */
const targets = new Map<string, Promise<{ status: number; ids: Set<string> }>>();

function fetchTarget(request: APIRequestContext, url: string) {
  let target = targets.get(url);
  if (!target) {
    target = request.get(url, { maxRedirects: 5 }).then(async (response) => {
      const html = (response.headers()['content-type'] ?? '').includes('html') ? await response.text() : '';
      const ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => m[1]));
      return { status: response.status(), ids };
    });
    targets.set(url, target);
  }
  return target;
}

for (const { url } of pages) {
  test.describe(`${url} structure`, () => {
    // One load for all the rules of this page, in one worker; a failed rule does not skip the others.
    test.describe.configure({ mode: 'default' });
    let snapshot: Snapshot;

    test.beforeAll(async ({ browser }) => {
      const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
      const page = await context.newPage();
      await page.goto(url);
      snapshot = await page.evaluate(() => {
        const visible = (el: Element) => !el.closest('[hidden], [aria-hidden="true"]') && (el as HTMLElement).checkVisibility();
        const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        return {
          lang: document.documentElement.lang,
          title: document.title,
          h1: [...document.querySelectorAll('h1')].map(text),
          headings: [...document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)')]
            .filter(visible)
            .map((h) => ({ level: Number(h.tagName[1]), text: text(h) })),
          links: [...document.querySelectorAll('a[href]')].map((a) => ({ href: (a as HTMLAnchorElement).href, text: text(a) })),
          images: [...document.querySelectorAll('img')].map((img) => ({
            src: img.getAttribute('src') ?? '',
            alt: img.getAttribute('alt'),
            inContent: !!img.closest('.sl-markdown-content'),
          })),
        };
      });
      await context.close();
    });

    test('declares the French language', () => {
      expect(snapshot.lang, `${url} : <html lang> vaut « ${snapshot.lang} », attendu « ${LANG} »`).toBe(LANG);
    });

    test('has a title no other page has', () => {
      expect(snapshot.title.trim(), `${url} : <title> vide`).not.toBe('');
      const same = pages.filter((other) => other.url !== url && other.title === snapshot.title).map((other) => other.url);
      expect(same, `${url} : le titre « ${snapshot.title} » est aussi celui de :\n${bullets(same)}`).toEqual([]);
    });

    test('has exactly one h1', () => {
      expect(snapshot.h1, `${url} : ${snapshot.h1.length} éléments <h1> au lieu d'un seul`).toHaveLength(1);
    });

    test('starts with the h1 and skips no heading level', () => {
      const problems: string[] = [];
      const [first] = snapshot.headings;
      if (first && first.level !== 1) problems.push(`le premier titre de <main> est un h${first.level} (« ${first.text} »), pas le h1`);
      snapshot.headings.forEach((heading, i) => {
        const previous = snapshot.headings[i - 1];
        if (previous && heading.level > previous.level + 1) {
          problems.push(`h${previous.level} « ${previous.text} » suivi de h${heading.level} « ${heading.text} » (niveau sauté)`);
        }
      });
      expect(problems, `${url} : titres dans le désordre :\n${bullets(problems)}`).toEqual([]);
    });

    test('internal links reach a page and its anchor', async ({ request, baseURL }) => {
      const origin = new URL(baseURL!).origin;
      const internal = snapshot.links.filter((link) => new URL(link.href).origin === origin);
      const problems: string[] = [];
      for (const link of internal) {
        const target = new URL(link.href);
        const fragment = decodeURIComponent(target.hash.slice(1));
        target.hash = '';
        const { status, ids } = await fetchTarget(request, target.href);
        if (status >= 400) problems.push(`« ${link.text} » → ${target.pathname}${target.search} : HTTP ${status}`);
        else if (fragment && !ids.has(fragment)) problems.push(`« ${link.text} » → ${target.pathname}#${fragment} : ancre introuvable`);
      }
      expect(problems, `${url} : liens internes cassés :\n${bullets(problems)}`).toEqual([]);
    });

    test('describes every content image with alternative text', () => {
      // Decoration may say alt="" on purpose; an image of the lesson's content must be described.
      const problems = snapshot.images
        .filter((img) => img.alt === null || (img.inContent && img.alt.trim() === ''))
        .map((img) => `${img.src} : ${img.alt === null ? 'pas d’attribut alt' : 'alt vide dans le contenu'}`);
      expect(problems, `${url} : images sans texte alternatif :\n${bullets(problems)}`).toEqual([]);
    });
  });
}
