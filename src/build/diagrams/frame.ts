/**
 * ```diagram frame: a bit layout in rows of 32 bits, the way RFC 6455 §5.2 draws a frame.
 *
 *   1 FIN
 *   4 opcode
 *   64 longueur étendue | si 126 : 16 bits, si 127 : 64 bits
 *   * charge utile
 *
 * One field per line: its size in bits (or `*` for « the rest »), then its label (` | ` breaks lines).
 * A field longer than what is left of a row continues on the next one, marked « (suite) ».
 */
import { type DiagramSource, type Drawing, text, textWidth } from './svg.ts';

/** A field as declared: `bits` is undefined for `*` (variable length, drawn to the end). */
export interface Field {
  bits?: number;
  label: string[];
}

/** A piece of a field placed in one row: start column and width in bits. */
export interface Piece {
  row: number;
  start: number;
  bits: number;
  label: string[];
  continued: boolean;
  open: boolean;
}

/** Reads `bits label` lines; throws on anything else. */
export function parseFields(source: DiagramSource): Field[] {
  return source.lines.map((line) => {
    const match = /^(\d+|\*)\s+(.+)$/.exec(line);
    if (!match) throw new Error(`diagram frame: cannot read « ${line} » (expected « <bits> <label> » or « * <label> »)`);
    const bits = match[1] === '*' ? undefined : Number(match[1]);
    if (bits === 0) throw new Error(`diagram frame: « ${line} » has no bits`);
    return { bits, label: match[2].split(' | ').map((l) => l.trim()) };
  });
}

/** Lays fields out row after row; a `*` field fills its row and one more, left open at the bottom. */
export function layout(fields: Field[], width = 32): Piece[] {
  const pieces: Piece[] = [];
  let row = 0;
  let col = 0;
  for (const field of fields) {
    let left = field.bits ?? (col === 0 ? width : 2 * width - col);
    let first = true;
    while (left > 0) {
      const bits = Math.min(left, width - col);
      left -= bits;
      const open = field.bits === undefined && left === 0;
      pieces.push({ row, start: col, bits, label: first ? field.label : [`${field.label[0]} (suite)`], continued: !first, open });
      first = false;
      col += bits;
      if (col === width) {
        row += 1;
        col = 0;
      }
    }
  }
  return pieces;
}

const COL = 20;
const ROW = 50;
const LEFT = 20;
const TOP = 36;

/** Draws the layout: bit numbers on top, one box per piece, narrow fields labelled vertically. */
export function drawFrame(source: DiagramSource): Drawing {
  const width = Number(source.headers['largeur'] ?? 32);
  const fields = parseFields(source);
  const pieces = layout(fields, width);
  const rows = Math.max(...pieces.map((p) => p.row)) + 1;
  const parts: string[] = [];
  for (let bit = 0; bit < width; bit++) {
    parts.push(text(LEFT + bit * COL + COL / 2, TOP - 8, String(bit % 10), 'class="d-small" text-anchor="middle"'));
  }
  for (let byte = 0; byte <= width / 8; byte++) {
    const x = LEFT + byte * 8 * COL;
    parts.push(`<line class="d-muted" x1="${x}" x2="${x}" y1="${TOP - 26}" y2="${TOP - 2}"/>`);
  }
  for (const piece of pieces) {
    const x = LEFT + piece.start * COL;
    const y = TOP + piece.row * ROW;
    const w = piece.bits * COL;
    const cls = piece.open ? 'd-box d-open' : 'd-box';
    parts.push(`<rect class="${cls}" x="${x}" y="${y}" width="${w}" height="${ROW}"/>`);
    const label = piece.open && piece.continued ? ['…'] : piece.label;
    const longest = Math.max(...label.map((l) => textWidth(l, 13)));
    if (longest > w - 6 && label.length === 1 && textWidth(label[0], 11) < ROW - 4) {
      // One or two bits: too narrow for the name, written upwards as in the RFC's drawing.
      parts.push(text(0, 0, label[0], `class="d-small" text-anchor="middle" transform="translate(${x + w / 2 + 4} ${y + ROW / 2}) rotate(-90)"`));
    } else {
      const top = y + ROW / 2 + 5 - ((label.length - 1) * 15) / 2;
      parts.push(text(x + w / 2, top, label, 'class="d-label" text-anchor="middle"'));
    }
  }
  const words = fields.map((f) => `${f.label.join(' ')}\u00a0: ${f.bits === undefined ? 'le reste de la trame' : `${f.bits}\u202fbit${f.bits > 1 ? 's' : ''}`}`);
  return { width: LEFT * 2 + width * COL, height: TOP + rows * ROW + 10, body: parts.join('\n'), words, kind: 'frame' };
}

/** The default description. */
export function describeFrame(source: DiagramSource): string {
  const fields = parseFields(source);
  return `Disposition des bits, par lignes de ${source.headers['largeur'] ?? 32}\u202fbits\u00a0: ${fields.length} champs, dans l’ordre, détaillés ci-dessous.`;
}
