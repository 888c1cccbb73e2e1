/** Entry point: reads the configuration, starts the server, and stops it cleanly on a signal. */
import { loadConfig } from './settings-cli.ts';
import { createServer } from './create-server.ts';

const config = loadConfig(process.argv.slice(2), process.env);
if (config.kind === 'help') {
  console.log(config.text);
  process.exit(0);
}
if (config.kind === 'error') {
  console.error(config.message);
  process.exit(2);
}
const { options } = config;
const server = createServer(options);
try {
  const { url } = await server.listen();
  console.log(`Cours disponible sur ${url}`);
  // The token itself is never printed: whoever reads the logs must not get the instructor's view.
  if (options.instructorToken) console.log(`Vue formateur : ${url}formateur/?jeton=… (la valeur de INSTRUCTOR_TOKEN)`);
} catch (error) {
  console.error(`Impossible d’écouter sur ${options.host}:${options.port} : ${(error as Error).message}`);
  process.exit(1);
}

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) process.exit(0); // A second Ctrl+C means "now".
  stopping = true;
  if (options.logLevel !== 'silent' && options.logLevel !== 'error') console.log(`${signal} reçu : arrêt en cours…`);
  // Bounded even if something hangs: the grace period plus a margin.
  setTimeout(() => process.exit(0), options.shutdownGrace + 2000).unref();
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
