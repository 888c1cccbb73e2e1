/**
 * THE table of settings: name, flag, environment variable, default, rule and French description
 * of each. Defaults, parsing, --help and the README's table are all generated from it.
 */
import { accessSync, constants } from 'node:fs';
import { z } from 'zod';
import type { ServerOptions } from './options.ts';
import { defaultMaxBufferedTotal } from './send-budget.ts';

/** One setting: how it is spelled, what it defaults to, and how a string becomes its value. */
export interface Setting<K extends keyof ServerOptions = keyof ServerOptions> {
  /** Key in ServerOptions. */
  key: K;
  /** Environment variable, e.g. MAX_PAYLOAD. */
  env: string;
  /** Command-line flag without dashes, e.g. max-payload. */
  flag: string;
  /** Value when neither flag nor variable is given. */
  default: ServerOptions[K];
  /** How a default that depends on the machine is derived, in French (the README shows this, not the value). */
  derived?: string;
  /** What a valid value is, in French, completing "doit être …". */
  rule: string;
  /** One line for --help and the README. */
  description: string;
  /** Turns the raw string into the value, or fails. */
  schema: z.ZodType<ServerOptions[K], string>;
}

const MiB = 1024 * 1024;

function int(min: number, max: number): { rule: string; schema: z.ZodType<number, string> } {
  return {
    rule: `un entier entre ${min} et ${max}`,
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max)),
  };
}

const bool = {
  rule: 'true ou false (ou 1/0, oui/non)',
  schema: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'oui', 'non', 'yes', 'no']))
    .transform((v) => ['true', '1', 'oui', 'yes'].includes(v)),
};

const origins = {
  rule: 'une liste d’origines séparées par des virgules (https://cours.exemple.fr) ou *',
  schema: z.string().transform((value, ctx) => {
    const list: string[] = [];
    for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (item === '*' || item === 'null') {
        list.push(item);
        continue;
      }
      const url = URL.canParse(item) ? new URL(item) : undefined;
      if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search) {
        ctx.addIssue({ code: 'custom', message: item });
        return z.NEVER;
      }
      list.push(url.origin);
    }
    return list;
  }),
};

const readableFile = {
  rule: 'le chemin d’un fichier PEM lisible (ou vide)',
  schema: z.string().trim().refine((path) => {
    if (path === '') return true;
    try {
      accessSync(path, constants.R_OK);
      return true;
    } catch {
      return false;
    }
  }),
};

function define<K extends keyof ServerOptions>(setting: Setting<K>): Setting {
  return setting as unknown as Setting;
}

/** Every setting, in the order --help and the README show them. */
export const SETTINGS: readonly Setting[] = [
  define({ key: 'port', env: 'PORT', flag: 'port', default: 8080, ...int(0, 65535), description: 'Port TCP d’écoute (0 : un port libre au hasard).' }),
  define({ key: 'host', env: 'HOST', flag: 'host', default: 'localhost', rule: 'un nom d’hôte ou une adresse IP', schema: z.string().trim().regex(/^[\w.:-]+$/), description: 'Interface d’écoute : localhost derrière un proxy, 0.0.0.0 pour être joignable directement.' }),
  define({ key: 'staticDir', env: 'STATIC_DIR', flag: 'static-dir', default: 'dist', rule: 'un chemin de dossier', schema: z.string().trim().min(1), description: 'Dossier du site construit (npm run build).' }),
  define({ key: 'allowedOrigins', env: 'ALLOWED_ORIGINS', flag: 'allowed-origins', default: [], ...origins, description: 'Origines de pages autorisées en plus du site lui-même et de l’origine null du bac à sable ; * : toutes.' }),
  define({ key: 'maxPayload', env: 'MAX_PAYLOAD', flag: 'max-payload', default: MiB, ...int(1, 100 * MiB), description: 'Taille maximale d’un message reçu, en octets (au-delà : fermeture 1009).' }),
  define({ key: 'maxBuffered', env: 'MAX_BUFFERED', flag: 'max-buffered', default: 4 * MiB, ...int(1024, 1024 * MiB), description: 'Octets en attente d’envoi tolérés pour un client qui ne lit pas (au-delà : fermeture 1008).' }),
  define({ key: 'maxBufferedTotal', env: 'MAX_BUFFERED_TOTAL', flag: 'max-buffered-total', default: defaultMaxBufferedTotal(), derived: '¼ de la mémoire vive', ...int(MiB, 1024 * 1024 * MiB), description: 'Octets en attente d’envoi tolérés pour tous les clients ensemble (au-delà : HTTP 503 aux nouveaux, fermeture 1013 des plus gros arriérés) ; le défaut est le quart de la mémoire vive, ou de la limite du conteneur si elle est plus basse.' }),
  define({ key: 'maxConnections', env: 'MAX_CONNECTIONS', flag: 'max-connections', default: 10000, ...int(1, 1000000), description: 'WebSockets ouvertes au total (au-delà : HTTP 503).' }),
  define({ key: 'maxConnectionsPerIp', env: 'MAX_CONNECTIONS_PER_IP', flag: 'max-connections-per-ip', default: 50, ...int(1, 1000000), description: 'WebSockets ouvertes par adresse IP (au-delà : HTTP 429).' }),
  define({ key: 'rateLimit', env: 'RATE_LIMIT', flag: 'rate-limit', default: 50, ...int(0, 1000000), description: 'Messages par seconde tolérés par connexion, en régime continu (au-delà : fermeture 1008) ; 0 : pas de limite.' }),
  define({ key: 'rateBurst', env: 'RATE_BURST', flag: 'rate-burst', default: 100, ...int(1, 1000000), description: 'Rafale de messages tolérée au-dessus du débit continu.' }),
  define({ key: 'idleTimeout', env: 'IDLE_TIMEOUT', flag: 'idle-timeout', default: 600000, ...int(0, 86400000), description: 'Millisecondes sans aucun message avant fermeture 1001 ; 0 : jamais.' }),
  define({ key: 'heartbeatInterval', env: 'HEARTBEAT_INTERVAL', flag: 'heartbeat-interval', default: 30000, ...int(100, 3600000), description: 'Millisecondes entre deux ping ; un client muet pendant tout un intervalle est coupé.' }),
  define({ key: 'handshakeTimeout', env: 'HANDSHAKE_TIMEOUT', flag: 'handshake-timeout', default: 10000, ...int(100, 600000), description: 'Millisecondes accordées à un client pour envoyer sa requête d’ouverture complète.' }),
  define({ key: 'shutdownGrace', env: 'SHUTDOWN_GRACE', flag: 'shutdown-grace', default: 5000, ...int(0, 600000), description: 'Millisecondes laissées aux clients pour fermer à l’arrêt, avant coupure.' }),
  define({ key: 'trustProxy', env: 'TRUST_PROXY', flag: 'trust-proxy', default: false, ...bool, description: 'Croire X-Forwarded-For et X-Forwarded-Host (seulement derrière votre propre proxy).' }),
  define({ key: 'tlsCert', env: 'TLS_CERT', flag: 'tls-cert', default: '', ...readableFile, description: 'Certificat PEM : sert https:// et wss:// sans proxy (avec TLS_KEY).' }),
  define({ key: 'tlsKey', env: 'TLS_KEY', flag: 'tls-key', default: '', ...readableFile, description: 'Clé privée PEM du certificat (avec TLS_CERT).' }),
  define({ key: 'updatesInterval', env: 'UPDATES_INTERVAL', flag: 'updates-interval', default: 1000, ...int(50, 60000), description: 'Millisecondes entre deux mises à jour du labo polling / SSE / WebSocket.' }),
  define({ key: 'logLevel', env: 'LOG_LEVEL', flag: 'log-level', default: 'info', rule: 'silent, error, info ou debug', schema: z.enum(['silent', 'error', 'info', 'debug']), description: 'Verbosité : debug ajoute une ligne par fermeture de connexion (jamais le contenu).' }),
];

/** The defaults of every setting, as createServer options. */
export const DEFAULT_OPTIONS: Readonly<ServerOptions> = Object.fromEntries(
  SETTINGS.map((s) => [s.key, s.default]),
) as unknown as ServerOptions;

/** How a default is shown to people. */
export function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(',') : '(aucune)';
  if (value === '') return '(vide)';
  return String(value);
}
