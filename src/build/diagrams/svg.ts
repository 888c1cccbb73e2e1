/**
 * What every diagram shares: the text of a ```diagram fence read as headers and body lines, escaping,
 * and the accessible <figure> around the SVG (title, description, and the same content in words).
 */

/** A diagram fence split into `clé : valeur` headers and the other non-empty lines. */
export interface DiagramSource {
  headers: Record<string, string>;
  lines: string[];
}

/** The keys a header line may use; anything else is a body line (a message, a field…). */
const HEADER = /^(titre|description|acteurs|durée|nouvelles|intervalle|largeur)\s*:\s*(.*)$/i;

/** Splits a fence's text into headers and body lines; `#` starts a comment line. */
export function readSource(text: string): DiagramSource {
  const headers: Record<string, string> = {};
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = HEADER.exec(line);
    if (header) headers[header[1].toLowerCase()] = header[2].trim();
    else lines.push(line);
  }
  return { headers, lines };
}

/** Escapes text for use in SVG/HTML text and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A rough text width in SVG units, enough to decide whether a label fits (no font metrics at build time). */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.58;
}

/** A French number: `1,5`, never `1.5`. */
export function frenchNumber(value: number, digits = 1): string {
  return Number(value.toFixed(digits)).toString().replace('.', ',');
}

/** What a generator returns: the drawing, and the same content as sentences for the text alternative. */
export interface Drawing {
  width: number;
  height: number;
  /** The SVG's inner elements. */
  body: string;
  /** One sentence per item, shown under « Le schéma en mots ». */
  words: string[];
  /** The figure's class modifier, e.g. `frame` (wide diagrams scroll on a phone). */
  kind: string;
}

/** Wraps a drawing in an accessible figure: role="img", <title> and <desc> in French, a caption, and the words. */
export function figure(drawing: Drawing, title: string, description: string, id: string): string {
  const { width, height, body, words, kind } = drawing;
  return [
    `<figure class="ws-diagram ws-diagram-${kind} not-content" id="${id}">`,
    `<div class="ws-diagram-scroll" tabindex="0">`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc">`,
    `<title id="${id}-title">${esc(title)}</title>`,
    `<desc id="${id}-desc">${esc(description)}</desc>`,
    body,
    `</svg>`,
    `</div>`,
    `<figcaption>${esc(title)}</figcaption>`,
    `<details class="ws-diagram-words"><summary>Le schéma en mots</summary><ol>`,
    ...words.map((w) => `<li>${esc(w)}</li>`),
    `</ol></details>`,
    `</figure>`,
  ].join('\n');
}

/** A <text> element; `lines` stack downwards from `y`. */
export function text(x: number, y: number, lines: string | string[], attrs = '', lineHeight = 15): string {
  const list = typeof lines === 'string' ? [lines] : lines;
  const spans = list.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : lineHeight}">${esc(l)}</tspan>`).join('');
  return `<text x="${x}" y="${y}" ${attrs}>${spans}</text>`;
}
