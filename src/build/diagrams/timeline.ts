/**
 * ```diagram timeline: the four transports of the lab on one time axis, computed from the news.
 *
 *   durée : 10
 *   nouvelles : 1,5 4,2 7,6
 *   intervalle : 2
 *
 * The server has news at the given seconds; each lane shows the requests its transport makes and
 * when each piece of news reaches the page. Polling asks every `intervalle` seconds.
 */
import { type DiagramSource, type Drawing, frenchNumber, text } from './svg.ts';

/** What one transport does over the duration: its requests (start, end) and when each news item arrives. */
export interface Lane {
  name: string;
  requests: [number, number][];
  deliveries: number[];
  /** True when the page can also send on the same connection. */
  twoWay?: boolean;
}

/** A round trip, in seconds, for the drawing only (the lab measures real ones). */
const TRIP = 0.3;

function numbers(value: string | undefined, what: string): number[] {
  const list = (value ?? '').split(/\s+/).filter(Boolean).map((n) => Number(n.replace(',', '.')));
  if (list.length === 0 || list.some((n) => !Number.isFinite(n) || n < 0)) throw new Error(`diagram timeline: needs \`${what} : <seconds…>\` (got « ${value ?? ''} »)`);
  return list;
}

/** Computes the four lanes: the same news, four ways of getting it. */
export function lanes(news: number[], interval: number, duration: number): Lane[] {
  const sorted = [...news].sort((a, b) => a - b);
  const polls: [number, number][] = [];
  for (let t = 0; t < duration; t += interval) polls.push([t, Math.min(t + TRIP, duration)]);
  // Each item arrives with the answer to the first poll sent after it.
  const polled = sorted.map((n) => polls.find(([start]) => start >= n)?.[1] ?? duration);
  const longPolls: [number, number][] = [];
  let start = 0;
  for (const n of sorted) {
    longPolls.push([start, n]);
    start = n + TRIP / 2;
  }
  longPolls.push([start, duration]);
  return [
    { name: 'Interrogation périodique', requests: polls, deliveries: polled },
    { name: 'Requête longue', requests: longPolls, deliveries: sorted },
    { name: 'Server-Sent Events', requests: [[0, duration]], deliveries: sorted },
    { name: 'WebSocket', requests: [[0, duration]], deliveries: sorted, twoWay: true },
  ];
}

const LEFT = 210;
const PLOT = 470;
const TOP = 46;
const LANE = 52;

/** Draws the axis, the news as dashed lines, and per lane its requests (bars) and arrivals (dots). */
export function drawTimeline(source: DiagramSource): Drawing {
  const duration = numbers(source.headers['durée'], 'durée')[0];
  const news = numbers(source.headers['nouvelles'], 'nouvelles');
  const interval = numbers(source.headers['intervalle'] ?? '2', 'intervalle')[0];
  const all = lanes(news, interval, duration);
  const x = (t: number) => LEFT + (t / duration) * PLOT;
  const bottom = TOP + all.length * LANE;
  const parts: string[] = [];
  for (let t = 0; t <= duration; t += duration > 12 ? 5 : 1) {
    parts.push(`<line class="d-muted" x1="${x(t)}" x2="${x(t)}" y1="${TOP - 6}" y2="${TOP}"/>`);
    parts.push(text(x(t), TOP - 10, `${t}\u202fs`, 'class="d-small" text-anchor="middle"'));
  }
  news.forEach((n, i) => {
    parts.push(`<line class="d-news" x1="${x(n)}" x2="${x(n)}" y1="${TOP}" y2="${bottom}" stroke-dasharray="4 4"/>`);
    parts.push(text(x(n), 14, `nouvelle ${i + 1}`, 'class="d-small d-em" text-anchor="middle"'));
  });
  const words: string[] = [`Le serveur a une nouvelle à ${news.map((n) => `${frenchNumber(n)}\u202fs`).join(', ')}.`];
  all.forEach((lane, i) => {
    const mid = TOP + i * LANE + LANE / 2;
    const wait = lane.deliveries.reduce((sum, d, k) => sum + (d - [...news].sort((a, b) => a - b)[k]), 0) / news.length;
    const count = `${lane.requests.length} requête${lane.requests.length > 1 ? 's' : ''}`;
    parts.push(text(8, mid - 3, lane.name, 'class="d-strong"'));
    parts.push(text(8, mid + 13, count, 'class="d-small"'));
    for (const [start, end] of lane.requests) {
      parts.push(`<rect class="d-request" x="${x(start)}" y="${mid - 7}" width="${Math.max(x(end) - x(start), 3)}" height="14" rx="3"/>`);
    }
    lane.deliveries.forEach((d, k) => {
      const n = [...news].sort((a, b) => a - b)[k];
      if (d > n) parts.push(`<line class="d-wait" x1="${x(n)}" x2="${x(d)}" y1="${mid}" y2="${mid}"/>`);
      parts.push(`<circle class="d-arrival" cx="${x(d)}" cy="${mid}" r="6"/>`);
    });
    if (lane.twoWay) parts.push(text(x(duration) - 4, mid - 12, 'dans les deux sens', 'class="d-small" text-anchor="end"'));
    const waited = wait > 0 ? `chaque nouvelle attend en moyenne ${frenchNumber(wait)}\u202fs` : 'chaque nouvelle arrive dès qu’elle existe';
    words.push(`${lane.name}\u00a0: ${count}, ${waited}${lane.twoWay ? ', et la page peut aussi envoyer sur la même connexion' : ''}.`);
  });
  parts.push(`<line class="d-line" x1="${LEFT}" x2="${LEFT + PLOT}" y1="${TOP}" y2="${TOP}"/>`);
  const legendY = bottom + 24;
  parts.push(`<rect class="d-request" x="${LEFT}" y="${legendY - 10}" width="24" height="12" rx="3"/>`);
  parts.push(text(LEFT + 30, legendY, 'requête ouverte', 'class="d-small"'));
  parts.push(`<circle class="d-arrival" cx="${LEFT + 150}" cy="${legendY - 4}" r="6"/>`);
  parts.push(text(LEFT + 162, legendY, 'la nouvelle arrive', 'class="d-small"'));
  parts.push(`<line class="d-wait" x1="${LEFT + 290}" x2="${LEFT + 320}" y1="${legendY - 4}" y2="${legendY - 4}"/>`);
  parts.push(text(LEFT + 326, legendY, 'attente', 'class="d-small"'));
  return { width: LEFT + PLOT + 20, height: legendY + 14, body: parts.join('\n'), words, kind: 'timeline' };
}

/** The default description. */
export function describeTimeline(): string {
  return `Frise chronologique\u00a0: les mêmes nouvelles du serveur reçues par quatre transports, l’un sous l’autre, détaillés ci-dessous.`;
}
