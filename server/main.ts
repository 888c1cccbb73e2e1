/** Entry point: reads the configuration, starts the server, and stops it cleanly on a signal. */
import { createServer } from './create-server.ts';
import { DEFAULT_OPTIONS } from './options.ts';

const server = createServer({
  port: process.env.PORT ? Number(process.env.PORT) : DEFAULT_OPTIONS.port,
  host: process.env.HOST || DEFAULT_OPTIONS.host,
});
const { url } = await server.listen();
console.log(`Cours disponible sur ${url}`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) process.exit(0); // A second Ctrl+C means "now".
  stopping = true;
  console.log(`${signal} reçu : arrêt en cours…`);
  // Bounded even if something hangs: the grace period plus a margin.
  setTimeout(() => process.exit(0), DEFAULT_OPTIONS.shutdownGrace + 2000).unref();
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
