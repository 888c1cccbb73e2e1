/** The fan-out section of the report and its target: two instances with Redis beside one without. */
import type { FanoutCell, FanoutResult } from './fanout.ts';

type Row = [string, (c: FanoutCell) => number, (x: number) => string];

const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '—');
const dec = (digits: number) => (x: number) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const times = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const counts = (record: Record<string, number>) => Object.entries(record).map(([k, v]) => `${k} ×${v}`).join(', ');

const ROWS: Row[] = [
  ['deliveries/s', (c) => c.deliveriesPerSecond, int],
  ['broadcasts/s', (c) => c.broadcastsPerSecond, int],
  ['latency p50 ms', (c) => c.latencyMs.p50, dec(2)],
  ['latency p99 ms', (c) => c.latencyMs.p99, dec(2)],
  ['instances CPU µs/delivery', (c) => c.serverCpuMicrosPerDelivery, dec(2)],
  ['+ Redis CPU µs/delivery', (c) => c.serverCpuMicrosPerDelivery + c.redisCpuMicrosPerDelivery, dec(2)],
];

/** Extra CPU per delivered message that Redis costs, as a fraction of the single instance's (instances only, and with redis-server). */
export function redisCpuCost(result: FanoutResult, index: number): { instances: number; withRedis: number } {
  const single = result.single[index].serverCpuMicrosPerDelivery;
  const redis = result.redis[index];
  return { instances: redis.serverCpuMicrosPerDelivery / single - 1, withRedis: (redis.serverCpuMicrosPerDelivery + redis.redisCpuMicrosPerDelivery) / single - 1 };
}

/** The section as text, with `table` from report.ts. */
export function fanoutSection(result: FanoutResult, table: (headers: string[], rows: string[][]) => string): string {
  const rows: string[][] = [];
  result.single.forEach((single, i) => {
    const redis = result.redis[i];
    for (const [name, pick, format] of ROWS) rows.push([`${single.receivers} receivers`, name, format(pick(single)), format(pick(redis)), times(pick(redis), pick(single))]);
  });
  const notes = (['single', 'redis'] as const).flatMap((id) =>
    result[id].filter((c) => counts(c.closedByServer)).map((c) => `  ${id}, ${c.receivers} receivers: closed by the server: ${counts(c.closedByServer)}`),
  );
  return [
    '## Broadcast fan-out: one sender, N receivers in one /chat room',
    ...(result.single[0]?.rounds > 1 ? [`Each figure is the median of ${result.single[0].rounds} interleaved rounds.`] : []),
    'one instance: no Redis. two + Redis: receivers spread over two instances sharing the room through redis-server (all on core 0).',
    '',
    table(['cell', 'figure', 'one instance', 'two + Redis', 'Redis/one'], rows),
    ...(notes.length ? ['', ...notes] : []),
    '',
    'Generator CPU share of one core: ' + result.single.map((c, i) => `${c.receivers}: ${(c.clientCpuShare * 100).toFixed(0)} % / ${(result.redis[i].clientCpuShare * 100).toFixed(0)} %`).join(', '),
  ].join('\n');
}
