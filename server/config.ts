/** Reads the settings from flags and environment variables (a flag wins), validated by the table. */
import { parseArgs } from 'node:util';
import type { ServerOptions } from './options.ts';
import { DEFAULT_OPTIONS, SETTINGS, formatDefault } from './settings.ts';

/** The outcome of reading the configuration. */
export type ConfigResult =
  | { kind: 'options'; options: ServerOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

/** Parses argv (without node and script) and env into validated options, help, or an error. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ConfigResult {
  const flags: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const s of SETTINGS) flags[s.flag] = { type: typeof s.default === 'boolean' ? 'boolean' : 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false, allowNegative: true }));
  } catch (error) {
    return { kind: 'error', message: `Option inconnue ou mal formée : ${(error as Error).message}\nVoir --help.` };
  }
  if (values.help) return { kind: 'help', text: helpText() };

  const options: Record<string, unknown> = { ...DEFAULT_OPTIONS };
  for (const s of SETTINGS) {
    const flag = values[s.flag];
    const raw = typeof flag === 'boolean' ? String(flag) : (flag ?? env[s.env]);
    if (raw === undefined) continue;
    const parsed = s.schema.safeParse(raw);
    if (!parsed.success) {
      return { kind: 'error', message: `Réglage invalide : ${s.env} (--${s.flag}) doit être ${s.rule} ; reçu « ${raw} ».` };
    }
    options[s.key] = parsed.data;
  }
  const result = options as unknown as ServerOptions;
  if ((result.tlsCert === '') !== (result.tlsKey === '')) {
    return { kind: 'error', message: 'Réglage invalide : TLS_CERT (--tls-cert) et TLS_KEY (--tls-key) vont ensemble ; donnez les deux ou aucun.' };
  }
  return { kind: 'options', options: result };
}

/** The --help text, generated from the settings table. */
export function helpText(): string {
  const lines = ['Usage : node server/main.ts [options]', '', 'Chaque option a sa variable d’environnement ; l’option l’emporte.', ''];
  for (const s of SETTINGS) {
    const shown = formatDefault(s.default) + (s.derived ? `, soit ${s.derived}` : '');
    lines.push(`  --${s.flag}${typeof s.default === 'boolean' ? '' : ' <valeur>'}   (${s.env}, défaut : ${shown})`);
    lines.push(`      ${s.description}`);
  }
  lines.push('  -h, --help', '      Affiche cette aide.');
  return lines.join('\n');
}

/** The README's table of settings, generated from the same table (a test keeps them equal). */
export function markdownTable(): string {
  const rows = SETTINGS.map(
    // A derived default differs from one machine to the next: the README gives its rule.
    (s) => `| \`--${s.flag}\` | \`${s.env}\` | ${s.derived ?? `\`${formatDefault(s.default)}\``} | ${s.rule} | ${s.description} |`,
  );
  return ['| Option | Variable | Défaut | Valeurs | Rôle |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
