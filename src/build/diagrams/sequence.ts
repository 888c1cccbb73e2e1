/**
 * ```diagram sequence: who sends what to whom, in order (the opening handshake, then frames).
 *
 *   acteurs : Navigateur, Serveur
 *   Navigateur -> Serveur : GET /chat HTTP/1.1 | Upgrade: websocket
 *   --- La connexion est ouverte
 *   Serveur -> Navigateur : trame texte
 *
 * ` | ` breaks a label into lines; a `---` line draws a separator across every lifeline.
 */
import { type DiagramSource, type Drawing, text } from './svg.ts';

/** One step of a sequence: a message between two actors, or a separator. */
export type SequenceStep = { from: number; to: number; label: string[] } | { separator: string };

/** The actors and steps of a sequence source; throws a French-free maintainer error on a bad line. */
export function parseSequence(source: DiagramSource): { actors: string[]; steps: SequenceStep[] } {
  const actors = (source.headers['acteurs'] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (actors.length < 2) throw new Error('diagram sequence: needs `acteurs : A, B` with at least two actors');
  const steps: SequenceStep[] = source.lines.map((line) => {
    if (line.startsWith('---')) return { separator: line.replace(/^-+\s*/, '').replace(/\s*-+$/, '') };
    const match = /^(.+?)\s*->\s*(.+?)\s*:\s(.*)$/.exec(line);
    const from = match ? actors.indexOf(match[1]) : -1;
    const to = match ? actors.indexOf(match[2]) : -1;
    if (!match || from < 0 || to < 0 || from === to) throw new Error(`diagram sequence: cannot read « ${line} » (expected « A -> B : label » between two declared actors)`);
    return { from, to, label: match[3].split(' | ').map((l) => l.trim()) };
  });
  return { actors, steps };
}

const WIDTH = 640;
const MARGIN = 90;
const LINE = 16;

/** Draws a sequence: actor boxes, lifelines, one arrow per message with its label above. */
export function drawSequence(source: DiagramSource): Drawing {
  const { actors, steps } = parseSequence(source);
  const xOf = (i: number) => MARGIN + (i * (WIDTH - 2 * MARGIN)) / (actors.length - 1);
  const parts: string[] = [];
  const words: string[] = [];
  let y = 60;
  for (const step of steps) {
    if ('separator' in step) {
      y += 10;
      parts.push(`<line class="d-muted" x1="16" x2="${WIDTH - 16}" y1="${y}" y2="${y}" stroke-dasharray="6 4"/>`);
      parts.push(`<rect class="d-paper" x="${WIDTH / 2 - 150}" y="${y - 11}" width="300" height="22" rx="4"/>`);
      parts.push(text(WIDTH / 2, y + 5, step.separator, 'class="d-em" text-anchor="middle"'));
      words.push(step.separator);
      y += 26;
      continue;
    }
    const x1 = xOf(step.from);
    const x2 = xOf(step.to);
    const labelTop = y + 14;
    y += step.label.length * LINE + 12;
    parts.push(text((x1 + x2) / 2, labelTop, step.label, 'class="d-label" text-anchor="middle"', LINE));
    const dir = Math.sign(x2 - x1);
    parts.push(`<line class="d-line" x1="${x1}" x2="${x2 - dir * 9}" y1="${y}" y2="${y}"/>`);
    parts.push(`<path class="d-head" d="M${x2} ${y} l${-dir * 10} -5 v10 z"/>`);
    words.push(`${actors[step.from]} → ${actors[step.to]}\u00a0: ${step.label.join(', ')}`);
    y += 14;
  }
  const height = y + 20;
  const heads = actors.map((actor, i) => {
    const x = xOf(i);
    return [
      `<line class="d-muted" x1="${x}" x2="${x}" y1="40" y2="${height - 8}"/>`,
      `<rect class="d-box" x="${x - 70}" y="8" width="140" height="32" rx="6"/>`,
      text(x, 29, actor, 'class="d-strong" text-anchor="middle"'),
    ].join('\n');
  });
  return { width: WIDTH, height, body: [...heads, ...parts].join('\n'), words, kind: 'sequence' };
}

/** The default description: who talks, and how many messages. */
export function describeSequence(source: DiagramSource): string {
  const { actors, steps } = parseSequence(source);
  const messages = steps.filter((s) => !('separator' in s)).length;
  return `Diagramme de séquence entre ${actors.join(' et ')}\u00a0: ${messages} messages, dans l’ordre, détaillés ci-dessous.`;
}

