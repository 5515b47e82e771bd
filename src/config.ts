import { z } from 'zod'

/** Values that make development easy and production unsafe; production refuses to start with any of them. */
export const developmentDefaults = {
  SESSION_SECRET: 'development-only-session-secret-change-me-0000',
  ENCRYPTION_KEY: 'ZGV2ZWxvcG1lbnQtb25seS1lbmNyeXB0aW9uLWtleSE=',
} as const

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1')

const documentKeyPattern = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]+=*$/

function validDocumentKeys(value: string): boolean {
  const entries = value.split(',').map((entry) => entry.trim())
  const ids = entries.map((entry) => entry.split(':')[0])
  return (
    entries.every((entry) => documentKeyPattern.test(entry) && Buffer.from(entry.split(':')[1], 'base64').length === 32) &&
    new Set(ids).size === ids.length
  )
}

const variables = z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    BASE_URL: z.url().optional(),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
    SESSION_SECRET: z.string().min(32).default(developmentDefaults.SESSION_SECRET),
    ENCRYPTION_KEY: z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .default(developmentDefaults.ENCRYPTION_KEY),
    /**
     * Keys for documents at rest, 'id:base64key' separated by commas: the first encrypts new uploads, every one
     * still decrypts, so keys rotate by putting a new one first. Unset: ENCRYPTION_KEY, with key id 'main'.
     */
    DOCUMENT_KEYS: z
      .string()
      .refine(validDocumentKeys, "must be 'id:base64key' pairs separated by commas, each key 32 bytes, ids unique")
      .optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().default('No Wrong Door <no-reply@localhost>'),
    NOTIFY_API_KEY: z.string().optional(),
    NOTIFY_EMAIL_TEMPLATE_ID: z.string().optional(),
    NOTIFY_SMS_TEMPLATE_ID: z.string().optional(),
    RUN_JOBS: booleanFromEnv.default(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: booleanFromEnv.default(false),
    /** Requests per 15 minutes from one address to each sign-in, two-factor and password-reset form. */
    AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
    SECURE_COOKIES: booleanFromEnv.optional(),
})

/** Every environment variable the app reads; the README's configuration table must list each one. */
export const configVariables = Object.keys(variables.shape)

export const configSchema = variables
  .superRefine((config, ctx) => {
    if (config.NOTIFY_SMS_TEMPLATE_ID && !config.NOTIFY_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['NOTIFY_SMS_TEMPLATE_ID'], message: 'needs NOTIFY_API_KEY: text messages go through GOV.UK Notify' })
    }
    if (config.NODE_ENV !== 'production') return
    for (const [name, value] of Object.entries(developmentDefaults)) {
      if (config[name as keyof typeof developmentDefaults] === value) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'must be set in production' })
      }
    }
    if (!config.BASE_URL) ctx.addIssue({ code: 'custom', path: ['BASE_URL'], message: 'must be set in production' })
    if (!config.SMTP_URL && !config.NOTIFY_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'SMTP_URL or NOTIFY_API_KEY must be set in production' })
    }
    if (config.NOTIFY_API_KEY && !config.NOTIFY_EMAIL_TEMPLATE_ID) {
      ctx.addIssue({ code: 'custom', path: ['NOTIFY_EMAIL_TEMPLATE_ID'], message: 'must be set with NOTIFY_API_KEY' })
    }
  })
  .transform((config) => ({
    ...config,
    BASE_URL: config.BASE_URL ?? `http://localhost:${config.PORT}`,
    SECURE_COOKIES: config.SECURE_COOKIES ?? config.NODE_ENV === 'production',
  }))

export type Config = z.infer<typeof configSchema>

export class ConfigError extends Error {}

/** Reads the environment once; throws a readable list of what is wrong (never the values). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const result = configSchema.safeParse(present)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`)
  }
  return result.data
}
