/**
 * Our server with the limits that stop a load test lifted: no rate limit, no per-address cap.
 * Everything else keeps its default. PORT from the environment.
 */
import { createServer } from '../../server/create-server.ts';

const server = createServer({
  port: Number(process.env.PORT),
  host: '127.0.0.1',
  rateLimit: 0,
  maxConnectionsPerIp: 1_000_000,
  maxConnections: 1_000_000,
});
await server.listen();
process.on('SIGTERM', () => process.exit(0));
