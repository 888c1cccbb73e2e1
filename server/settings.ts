/**
 * THE settings schema: one zod field per setting, each registered with how people spell it
 * (environment variable, flag) and what it means (French rule and description). The options'
 * type, their defaults, the parsing of flags and environment, --help and the README's table
 * are all derived from it (see settings-cli.ts).
 */
import { accessSync, constants } from 'node:fs';
import { z } from 'zod';
import { defaultMaxBufferedTotal } from './send-budget.ts';

/** What people read about one setting. */
export interface SettingMeta {
  /** Environment variable, e.g. MAX_PAYLOAD. */
  env: string;
  /** Command-line flag without dashes, e.g. max-payload. */
  flag: string;
  /** What a valid value is, in French, completing "doit être …". */
  rule: string;
  /** One line for --help and the README. */
  description: string;
  /** How a default that depends on the machine is derived, in French (the README shows this, not the value). */
  derived?: string;
}

/** The metadata of every field of SETTINGS_SCHEMA. */
export const SETTING_META = z.registry<SettingMeta>();

/** A validated way to read one setting from a string, and what its rule says in French. */
interface Reader<T> {
  schema: z.ZodType<T, string>;
  rule: string;
}

/** One setting: read from a string (flag or variable), defaulting to `rawDefault` read the same way. */
function setting<T>(rawDefault: string, reader: Reader<T>, spelling: Omit<SettingMeta, 'rule'>) {
  return reader.schema.prefault(rawDefault).register(SETTING_META, { ...spelling, rule: reader.rule });
}

const MiB = 1024 * 1024;

function int(min: number, max: number): Reader<number> {
  return {
    rule: `un entier entre ${min} et ${max}`,
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max)),
  };
}

const bool: Reader<boolean> = {
  rule: 'true ou false (ou 1/0, oui/non)',
  schema: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'oui', 'non', 'yes', 'no']))
    .transform((v) => ['true', '1', 'oui', 'yes'].includes(v)),
};

const origins: Reader<string[]> = {
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

const readableFile: Reader<string> = {
  rule: 'le chemin d’un fichier PEM lisible (ou vide)',
  schema: z
    .string()
    .trim()
    .refine((path) => {
      if (path === '') return true;
      try {
        accessSync(path, constants.R_OK);
        return true;
      } catch {
        return false;
      }
    }),
};

const hostName: Reader<string> = { rule: 'un nom d’hôte ou une adresse IP', schema: z.string().trim().regex(/^[\w.:-]+$/) };
const folder: Reader<string> = { rule: 'un chemin de dossier', schema: z.string().trim().min(1) };
const redisUrl: Reader<string> = {
  rule: 'une URL redis://… ou rediss://… (ou vide)',
  schema: z
    .string()
    .trim()
    .refine((value) => value === '' || (URL.canParse(value) && /^rediss?:$/.test(new URL(value).protocol))),
};
const logLevel = { rule: 'silent, error, info ou debug', schema: z.enum(['silent', 'error', 'info', 'debug']) };

/** Every setting, in the order --help and the README show them. */
export const SETTINGS_SCHEMA = z.object({
  port: setting('8080', int(0, 65535), { env: 'PORT', flag: 'port', description: 'Port TCP d’écoute (0 : un port libre au hasard).' }),
  host: setting('localhost', hostName, { env: 'HOST', flag: 'host', description: 'Interface d’écoute : localhost derrière un proxy, 0.0.0.0 pour être joignable directement.' }),
  staticDir: setting('dist', folder, { env: 'STATIC_DIR', flag: 'static-dir', description: 'Dossier du site construit (npm run build).' }),
  allowedOrigins: setting('', origins, { env: 'ALLOWED_ORIGINS', flag: 'allowed-origins', description: 'Origines de pages autorisées en plus du site lui-même et de l’origine null du bac à sable ; * : toutes.' }),
  maxPayload: setting(String(MiB), int(1, 100 * MiB), { env: 'MAX_PAYLOAD', flag: 'max-payload', description: 'Taille maximale d’un message reçu, en octets (au-delà : fermeture 1009).' }),
  maxBuffered: setting(String(4 * MiB), int(1024, 1024 * MiB), { env: 'MAX_BUFFERED', flag: 'max-buffered', description: 'Octets en attente d’envoi tolérés pour un client qui ne lit pas (au-delà : fermeture 1008, ou fin de la session Socket.IO).' }),
  maxBufferedTotal: setting(String(defaultMaxBufferedTotal()), int(MiB, 1024 * 1024 * MiB), { env: 'MAX_BUFFERED_TOTAL', flag: 'max-buffered-total', derived: '¼ de la mémoire vive', description: 'Octets en attente d’envoi tolérés pour tous les clients ensemble (au-delà : HTTP 503 aux nouveaux, fermeture 1013 des plus gros arriérés) ; le défaut est le quart de la mémoire vive, ou de la limite du conteneur si elle est plus basse.' }),
  maxConnections: setting('10000', int(1, 1000000), { env: 'MAX_CONNECTIONS', flag: 'max-connections', description: 'Connexions qui restent ouvertes, au total : WebSockets, sessions Socket.IO, flux SSE et requêtes de long polling en attente (au-delà : HTTP 503).' }),
  maxConnectionsPerIp: setting('50', int(1, 1000000), { env: 'MAX_CONNECTIONS_PER_IP', flag: 'max-connections-per-ip', description: 'Connexions qui restent ouvertes, par adresse IP, tous types confondus comme pour MAX_CONNECTIONS (au-delà : HTTP 429).' }),
  rateLimit: setting('50', int(0, 1000000), { env: 'RATE_LIMIT', flag: 'rate-limit', description: 'Messages par seconde tolérés par connexion, en régime continu (au-delà : fermeture 1008) ; 0 : pas de limite.' }),
  rateBurst: setting('100', int(1, 1000000), { env: 'RATE_BURST', flag: 'rate-burst', description: 'Rafale de messages tolérée au-dessus du débit continu.' }),
  idleTimeout: setting('600000', int(0, 86400000), { env: 'IDLE_TIMEOUT', flag: 'idle-timeout', description: 'Millisecondes sans aucun message avant fermeture 1001 ; 0 : jamais.' }),
  heartbeatInterval: setting('30000', int(100, 3600000), { env: 'HEARTBEAT_INTERVAL', flag: 'heartbeat-interval', description: 'Millisecondes entre deux ping ; un client muet pendant tout un intervalle est coupé.' }),
  handshakeTimeout: setting('10000', int(100, 600000), { env: 'HANDSHAKE_TIMEOUT', flag: 'handshake-timeout', description: 'Millisecondes accordées à un client pour envoyer sa requête d’ouverture complète.' }),
  shutdownGrace: setting('5000', int(0, 600000), { env: 'SHUTDOWN_GRACE', flag: 'shutdown-grace', description: 'Millisecondes laissées aux clients pour fermer à l’arrêt, avant coupure.' }),
  trustProxy: setting('false', bool, { env: 'TRUST_PROXY', flag: 'trust-proxy', description: 'Croire X-Forwarded-For et X-Forwarded-Host (seulement derrière votre propre proxy).' }),
  publicMetrics: setting('false', bool, { env: 'PUBLIC_METRICS', flag: 'public-metrics', description: 'Servir /metrics à toutes les adresses ; sinon, seulement à la boucle locale (127.0.0.0/8 et ::1), les autres reçoivent 404.' }),
  tlsCert: setting('', readableFile, { env: 'TLS_CERT', flag: 'tls-cert', description: 'Certificat PEM : sert https:// et wss:// sans proxy (avec TLS_KEY).' }),
  tlsKey: setting('', readableFile, { env: 'TLS_KEY', flag: 'tls-key', description: 'Clé privée PEM du certificat (avec TLS_CERT).' }),
  updatesInterval: setting('1000', int(50, 60000), { env: 'UPDATES_INTERVAL', flag: 'updates-interval', description: 'Millisecondes entre deux mises à jour du labo polling / SSE / WebSocket.' }),
  redisUrl: setting('', redisUrl, { env: 'REDIS_URL', flag: 'redis-url', description: 'Redis partagé par plusieurs instances (salons /chat, flux du labo, plafonds par adresse, salons Socket.IO) ; vide : tout reste en mémoire, une seule instance.' }),
  redisKeyTtl: setting('15000', int(300, 600000), { env: 'REDIS_KEY_TTL', flag: 'redis-key-ttl', description: 'Millisecondes après lesquelles les comptes d’une instance qui ne donne plus signe de vie à Redis expirent (rafraîchis au tiers de ce délai).' }),
  logLevel: setting('info', logLevel, { env: 'LOG_LEVEL', flag: 'log-level', description: 'Verbosité : debug ajoute une ligne par fermeture de connexion (jamais le contenu).' }),
});

/** Everything createServer can be told; main.ts fills it from flags and environment. */
export type ServerOptions = z.infer<typeof SETTINGS_SCHEMA>;

/** The defaults of every setting, as createServer options. */
export const DEFAULT_OPTIONS: Readonly<ServerOptions> = SETTINGS_SCHEMA.parse({});

/** One setting as the command line, --help and the README see it. */
export interface SettingEntry extends SettingMeta {
  /** Key in ServerOptions. */
  key: keyof ServerOptions & string;
  /** Its default value, parsed. */
  default: unknown;
}

/** Every setting with its metadata and default, in schema order. */
export function settingEntries(): SettingEntry[] {
  const defaults: Record<string, unknown> = DEFAULT_OPTIONS;
  return Object.entries(SETTINGS_SCHEMA.shape).map(([key, field]) => {
    const meta = SETTING_META.get(field);
    if (!meta || !isSettingKey(key)) throw new Error(`setting ${key} is not registered`);
    return { ...meta, key, default: defaults[key] };
  });
}

function isSettingKey(key: string): key is keyof ServerOptions & string {
  return Object.hasOwn(SETTINGS_SCHEMA.shape, key);
}

/** How a default is shown to people. */
export function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(',') : '(aucune)';
  if (value === '') return '(vide)';
  return String(value);
}
