/** Turns the text of a ```diagram <kind> fence into an accessible inline SVG figure (a string of HTML). */
import { describeFrame, drawFrame } from './frame.ts';
import { describeSequence, drawSequence } from './sequence.ts';
import { type DiagramSource, type Drawing, figure, readSource } from './svg.ts';
import { describeTimeline, drawTimeline } from './timeline.ts';

const KINDS: Record<string, { draw: (s: DiagramSource) => Drawing; describe: (s: DiagramSource) => string }> = {
  sequence: { draw: drawSequence, describe: describeSequence },
  frame: { draw: drawFrame, describe: describeFrame },
  timeline: { draw: drawTimeline, describe: describeTimeline },
};

/** The diagram kinds a fence may name. */
export const DIAGRAM_KINDS = Object.keys(KINDS);

/** Renders one diagram; `id` must be unique in the page. Throws a maintainer's error on a bad source. */
export function renderDiagram(kind: string, text: string, id: string): string {
  const generator = KINDS[kind];
  if (!generator) throw new Error(`diagram: unknown kind « ${kind} » (known: ${DIAGRAM_KINDS.join(', ')})`);
  const source = readSource(text);
  const title = source.headers['titre'];
  if (!title) throw new Error(`diagram ${kind}: needs a \`titre : …\` line (it names the picture for screen readers)`);
  return figure(generator.draw(source), title, source.headers['description'] ?? generator.describe(source), id);
}
