/** Turns axe's violations into short, readable failure messages. */
import type { Result } from 'axe-core';
import { bullets } from './site.ts';

/** Reasons listed per rule in a failure message; the rest are counted. */
const SHOWN = 8;

/** The end of a CSS selector, enough to find the element: Monaco's full paths run long. */
function shortTarget(target: Result['nodes'][number]['target']): string {
  const parts = target.join(' ').split(' > ');
  return parts.length > 3 ? `… > ${parts.slice(-3).join(' > ')}` : parts.join(' > ');
}

/** What is wrong with one element; contrast failures say which colours. */
function reason(node: Result['nodes'][number]): string {
  const contrast = node.any.find((check) => check.id === 'color-contrast')?.data as
    | { fgColor: string; bgColor: string; contrastRatio: number; expectedContrastRatio: string }
    | undefined;
  if (contrast) return `contrast ${contrast.contrastRatio} instead of ${contrast.expectedContrastRatio}: ${contrast.fgColor} on ${contrast.bgColor}`;
  return (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ');
}

/** One paragraph per violated rule; elements failing for the same reason are grouped. */
export function describeViolation(violation: Result): string {
  const groups = new Map<string, string[]>();
  for (const node of violation.nodes) groups.set(reason(node), [...(groups.get(reason(node)) ?? []), shortTarget(node.target)]);
  const lines = [...groups].slice(0, SHOWN).map(([why, targets]) =>
    `${why} — ${targets.length > 1 ? `${targets.length} elements, including ` : ''}${targets[0]}`,
  );
  if (groups.size > SHOWN) lines.push(`… and ${groups.size - SHOWN} more`);
  return `${violation.id} (${violation.impact}, ${violation.nodes.length} element(s)): ${violation.help}\n${bullets(lines.map((line) => `  ${line}`))}`;
}
