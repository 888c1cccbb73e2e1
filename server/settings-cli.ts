/** Reads the settings from flags and environment variables (a flag wins), validated by the schema. */
import { parseArgs } from 'node:util';
import { SETTINGS_SCHEMA, formatDefault, settingEntries, type ServerOptions } from './settings.ts';

/** The outcome of reading the configuration. */
export type ConfigResult =
  | { kind: 'options'; options: ServerOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

/** Parses argv (without node and script) and env into validated options, help, or an error. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ConfigResult {
  const entries = settingEntries();
  const flags: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const s of entries) flags[s.flag] = { type: typeof s.default === 'boolean' ? 'boolean' : 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false, allowNegative: true }));
  } catch (error) {
    return { kind: 'error', message: `Option inconnue ou mal formée : ${(error as Error).message}\nVoir --help.` };
  }
  if (values.help) return { kind: 'help', text: helpText() };

  const raw: Record<string, string> = {};
  for (const s of entries) {
    const flag = values[s.flag];
    const value = typeof flag === 'boolean' ? String(flag) : (flag ?? env[s.env]);
    if (value !== undefined) raw[s.key] = value;
  }
  const parsed = SETTINGS_SCHEMA.safeParse(raw);
  if (!parsed.success) {
    const key = parsed.error.issues[0].path[0];
    const s = entries.find((entry) => entry.key === key);
    if (!s) return { kind: 'error', message: `Réglage invalide : ${parsed.error.message}` };
    const received = s.secret ? `une valeur de ${raw[s.key].length} caractères` : `« ${raw[s.key]} »`;
    return { kind: 'error', message: `Réglage invalide : ${s.env} (--${s.flag}) doit être ${s.rule} ; reçu ${received}.` };
  }
  const options = parsed.data;
  if ((options.tlsCert === '') !== (options.tlsKey === '')) {
    return { kind: 'error', message: 'Réglage invalide : TLS_CERT (--tls-cert) et TLS_KEY (--tls-key) vont ensemble ; donnez les deux ou aucun.' };
  }
  return { kind: 'options', options };
}

/** The --help text, generated from the settings schema. */
export function helpText(): string {
  const lines = ['Usage : node server/main.ts [options]', '', 'Chaque option a sa variable d’environnement ; l’option l’emporte.', ''];
  for (const s of settingEntries()) {
    const shown = formatDefault(s.default) + (s.derived ? `, soit ${s.derived}` : '');
    lines.push(`  --${s.flag}${typeof s.default === 'boolean' ? '' : ' <valeur>'}   (${s.env}, défaut : ${shown})`);
    lines.push(`      ${s.description}`);
  }
  lines.push('  -h, --help', '      Affiche cette aide.');
  return lines.join('\n');
}

/** The README's table of settings, generated from the same schema (a test keeps them equal). */
export function markdownTable(): string {
  const rows = settingEntries().map(
    // A derived default differs from one machine to the next: the README gives its rule.
    (s) => `| \`--${s.flag}\` | \`${s.env}\` | ${s.derived ?? `\`${formatDefault(s.default)}\``} | ${s.rule} | ${s.description} |`,
  );
  return ['| Option | Variable | Défaut | Valeurs | Rôle |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
