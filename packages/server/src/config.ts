import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  demo: boolean;
  logLevel: LogLevel;
}

/** A setting a flag can give, with the environment variable it falls back to and the default after that. */
interface SettingSource {
  flag: string;
  env: string;
  fallback: string;
}

/** Flag > environment variable > default, for each setting `triage serve` takes. */
export const SERVER_SETTINGS = {
  port: { flag: '--port', env: 'PORT', fallback: '3000' },
  host: { flag: '--host', env: 'HOST', fallback: '127.0.0.1' },
  dataDir: { flag: '--data', env: 'TRIAGE_DATA_DIR', fallback: './.triage' },
  logLevel: { flag: '--log-level', env: 'LOG_LEVEL', fallback: 'warn' },
} as const satisfies Record<string, SettingSource>;

const settingSchemas = {
  port: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
    .transform(Number)
    .refine((port) => port <= 65_535, 'must be a whole number from 0 to 65535'),
  host: z.string().trim().min(1, 'must not be empty'),
  dataDir: z.string().trim().min(1, 'must not be empty'),
  logLevel: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
};

const databaseUrlSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://');

/** Start-up configuration is wrong; the message names each flag or variable at fault and what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The flags commander hands over: a flag the user left out is undefined (no defaults there, so the env is read). */
export interface ServerFlags {
  port?: unknown;
  host?: unknown;
  data?: unknown;
  logLevel?: unknown;
  demo?: unknown;
}

const FLAG_KEYS = { port: 'port', host: 'host', dataDir: 'data', logLevel: 'logLevel' } as const;

/**
 * Reads each setting from its flag, else its environment variable (an empty variable counts as unset), else its
 * default, and validates it before anything opens. Every problem is reported at once, named by where the value
 * came from (`--port` or `PORT`), so the user knows which one to fix.
 */
export function readServerConfig(flags: ServerFlags, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const problems: string[] = [];
  const read = <K extends keyof typeof SERVER_SETTINGS>(key: K): z.output<(typeof settingSchemas)[K]> => {
    const source = SERVER_SETTINGS[key];
    const flagValue = flags[FLAG_KEYS[key]];
    const envValue = env[source.env];
    const [origin, raw] =
      flagValue !== undefined
        ? [source.flag, String(flagValue)]
        : envValue !== undefined && envValue !== ''
          ? [source.env, envValue]
          : [`default ${source.flag}`, source.fallback];
    const parsed = settingSchemas[key].safeParse(raw);
    if (parsed.success) return parsed.data as z.output<(typeof settingSchemas)[K]>;
    problems.push(`  ${origin}: ${parsed.error.issues[0]?.message ?? 'is not valid'} (got "${raw}")`);
    return undefined as never;
  };
  const port = read('port');
  const host = read('host');
  const dataDir = read('dataDir');
  const logLevel = read('logLevel');
  const url = env.DATABASE_URL || undefined;
  if (url !== undefined && !databaseUrlSchema.safeParse(url).success)
    problems.push('  DATABASE_URL: must start with postgres:// or postgresql://');
  if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  return { port, host, dataDir, databaseUrl: url, demo: flags.demo === true, logLevel };
}
