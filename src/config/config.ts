import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * One validated configuration object (DESIGN.md §3). With no variables set the whole service runs embedded:
 * PGlite under DATA_DIR/db, blobs under DATA_DIR/blobs, the in-process queue and the offline planner.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (protocols: string[]) =>
  optionalText.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(' or ')})` },
  );

const int = (fallback: number, min: number, max: number) =>
  optionalText
    .refine((v) => v === undefined || /^\d+$/.test(v), { message: 'must be a whole number' })
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .refine((v) => v >= min && v <= max, { message: `must be between ${min} and ${max}` });

export const configSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  REDIS_URL: url(['redis:', 'rediss:']),
  REDIS_PREFIX: optionalText.transform((v) => v ?? 'modulardata'),
  SUPABASE_URL: url(['http:', 'https:']),
  SUPABASE_SERVICE_KEY: optionalText,
  STORAGE_BUCKET: optionalText.transform((v) => v ?? 'csv-files'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: url(['http:', 'https:']),
  OPENAI_MODEL: optionalText.transform((v) => v ?? 'gpt-4o-mini'),
  /** The whole OpenAI planning call (repair try and SDK retries included); past it the offline planner answers. */
  OPENAI_TIMEOUT_MS: int(30_000, 100, 600_000),
  SUPABASE_JWT_SECRET: optionalText,
  AUTH_JWKS_URL: url(['http:', 'https:']),
  DATA_DIR: optionalText.transform((v) => path.resolve(v ?? '.modulardata')),
  PORT: int(8000, 0, 65535),
  HOST: optionalText.transform((v) => v ?? '0.0.0.0'),
  /** The worker serves its health endpoints on this port when set (0: not at all). */
  WORKER_HEALTH_PORT: int(0, 0, 65535),
  CORS_ORIGINS: optionalText.transform((v) => (v ? v.split(',').map((o) => o.trim()).filter(Boolean) : [])),
  MAX_UPLOAD_MB: int(50, 1, 10_240),
  /** Caps on a parsed file and on a step's output (413 FILE_TOO_LARGE on upload, LIMIT_EXCEEDED in a step). */
  MAX_ROWS: int(2_000_000, 1, 1_000_000_000),
  MAX_COLUMNS: int(2_000, 1, 1_000_000),
  MAX_CELLS: int(50_000_000, 1, 10_000_000_000),
  LOG_LEVEL: optionalText.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()).transform((v) => v ?? 'info'),
  ENVIRONMENT: optionalText.pipe(z.enum(['development', 'test', 'staging', 'production']).optional()).transform((v) => v ?? 'development'),
  RATE_LIMIT_PER_MIN: int(600, 1, 1_000_000),
  RATE_LIMIT_HEAVY_PER_MIN: int(60, 1, 1_000_000),
  PROJECTION_WAIT_MS: int(5000, 0, 60_000),
  /** How long a worker holds a job before another may take it over (a killed worker's job restarts after this). */
  JOB_LOCK_MS: int(30_000, 1000, 600_000),
  /** How often the worker puts accepted-but-unfinished tasks back on the queue (Redis may have lost them in a restart). */
  JOB_REQUEUE_MS: int(30_000, 1000, 3_600_000),
});

export type Config = z.infer<typeof configSchema>;

/** Thrown for a bad value; its message is the one line naming the variable that start-up prints. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`Invalid configuration: ${variable} ${issue.message}`);
  }
  const config = result.data;
  if (config.SUPABASE_URL && !config.SUPABASE_SERVICE_KEY) {
    throw new ConfigError('Invalid configuration: SUPABASE_SERVICE_KEY is required when SUPABASE_URL is set');
  }
  return config;
}

/** Reads `.env` from the working directory into process.env (existing variables win), when the file exists. */
export function loadDotEnv(file = path.resolve('.env')): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
