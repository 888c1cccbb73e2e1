/**
 * `npm run dev` runs the lessons: the companion server's endpoints (/echo, /chat, /updates,
 * Socket.IO, /healthz…) are mounted on Vite's own HTTP server, so snippets reach them on the
 * dev server's origin with the settings, limits and Origin policy of `npm start`. A change
 * under server/ remounts them with the new code: each mount imports server/attach-course.ts
 * through a fresh Vite module runner, so every module below it is evaluated again.
 */
import { fileURLToPath } from 'node:url';
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import type { AstroIntegration } from 'astro';
import { createServerModuleRunner, type Plugin, type ViteDevServer } from 'vite';
import type { attachCourse, CourseAttachment } from '../../server/attach-course.ts';
import { containRequest } from '../../server/containment.ts';
import { createLogger } from '../../server/log.ts';
import { loadConfig } from '../../server/settings-cli.ts';

const SERVER_DIR = fileURLToPath(new URL('../../server/', import.meta.url));
/** Loaded through Vite (not a static import) so that an edit under server/ is picked up. */
const ATTACH_MODULE = fileURLToPath(new URL('../../server/attach-course.ts', import.meta.url));

type ModuleRunner = ReturnType<typeof createServerModuleRunner>;

/** What the sandbox frame fetches from the dev server: its module scripts and its worker. */
const SANDBOX_LOADS = new Set(['script', 'worker']);

/**
 * The sandbox frame (/runner/, opaque origin) loads its module scripts with Origin: null and no
 * Referer, which Vite's CORS policy and Astro's Sec-Fetch check refuse. `npm run dev` lets them
 * through, scripts and workers only: another site's sandboxed frame could then read the dev
 * server's modules, as the course's own does, a risk left to the dev server alone, whose sources
 * are this public repository's, and which Chromium's local network access rules keep from public
 * pages. First in the middleware stack, before Astro's and Vite's own checks.
 */
function sandboxCors(): Plugin {
  return {
    name: 'dev-course-sandbox-cors',
    apply: 'serve',
    // Astro puts its Sec-Fetch check at the front of the stack in its post hook; ours runs later and goes before it.
    enforce: 'post',
    configureServer(server) {
      return () => {
        server.middlewares.stack.unshift({
          route: '',
          handle: (req: IncomingMessage, res: ServerResponse, next: () => void) => {
            if (req.headers.origin === 'null' && SANDBOX_LOADS.has(String(req.headers['sec-fetch-dest']))) {
              res.setHeader('Access-Control-Allow-Origin', 'null');
              // Astro's dev server refuses every cross-site subresource (Origin: null included): this one is its own.
              req.headers['sec-fetch-site'] = 'same-origin';
            }
            next();
          },
        });
      };
    },
  };
}

/** The integration; it does nothing outside `astro dev`. */
export function devCourse(): AstroIntegration {
  return {
    name: 'dev-course',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [sandboxCors()] } });
      },
      'astro:server:setup': ({ server, logger }) => {
        // The same schema and variables as `npm start` (MAX_PAYLOAD=… npm run dev); a bad one stops here, named.
        const config = loadConfig([], process.env);
        if (config.kind !== 'options') throw new Error(config.kind === 'error' ? config.message : 'unexpected --help');
        const { options } = config;
        const httpServer = server.httpServer;
        // Not in middleware mode, nor over HTTP/2 (Vite's https option): no server of the kind the course mounts on.
        if (!(httpServer instanceof HttpServer || httpServer instanceof HttpsServer)) {
          return logger.warn('no HTTP/1.1 server (middleware mode or HTTP/2): the course endpoints are not mounted');
        }
        const log = createLogger(options.logLevel);
        let course: CourseAttachment | undefined;
        let runner: ModuleRunner | undefined;
        let queue = Promise.resolve();

        const mount = async (vite: ViteDevServer): Promise<void> => {
          // A runner of our own: a new one has no evaluated module, so nothing stale survives a remount.
          await runner?.close();
          runner = createServerModuleRunner(vite.environments.ssr, { hmr: false });
          const module = (await runner.import(ATTACH_MODULE)) as { attachCourse: typeof attachCourse };
          // Vite's HMR socket shares this server: upgrades on other paths are left to it.
          course = module.attachCourse(httpServer, options, { refuseUnknownUpgrades: false });
        };
        const remount = (why: string): void => {
          queue = queue
            .then(async () => {
              const old = course;
              course = undefined;
              await old?.close();
              await mount(server);
              logger.info(`course endpoints ${why}`);
            })
            .catch((error: Error) => logger.error(`course endpoints not mounted: ${error.stack ?? error.message}`));
        };

        server.middlewares.use((req, res, next) => {
          // Set before the call: if the course throws, containRequest has answered 500 and next() must not run.
          let handled = true;
          if (course) containRequest((rq, rs) => (handled = course?.handleRequest(rq, rs) ?? false), log)(req, res);
          else handled = false;
          if (!handled) next();
        });
        server.watcher.add(SERVER_DIR);
        const onFile = (file: string): void => {
          if (!file.startsWith(SERVER_DIR) || !file.endsWith('.ts') || file.endsWith('.test.ts')) return;
          // Vite forgets its transform of the file too, but asynchronously: do it now, before the new runner asks.
          server.environments.ssr.moduleGraph.onFileChange(file);
          remount('reloaded');
        };
        server.watcher.on('change', onFile);
        server.watcher.on('add', onFile);
        server.watcher.on('unlink', onFile);
        httpServer.once('close', () => void queue.then(() => course?.close()));
        remount('mounted');
      },
    },
  };
}
