import type { FastifyServerOptions } from 'fastify'
import type { Config } from '../config.js'

/** Paths pino removes from every log line: credentials and anything that may be personal. */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.name',
  '*.phone',
  '*.token',
  '*.code',
  'email',
  'name',
  'password',
  'token',
]

/** Paths whose last segment is a secret from an email link. */
const secretPaths = /^\/(invitations|password-reset)\/[^/?]+/

/** The path as logged: no query string (tokens, search terms), no secret from an email link. */
export function loggablePath(url: string): string {
  return url.split('?')[0].replace(secretPaths, '/$1/[redacted]')
}

/** Query strings can carry tokens and search terms; log the path only. */
export function loggerOptions(config: Config): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; id: string }) {
        return { method: request.method, path: loggablePath(request.url), id: request.id }
      },
    },
  }
}
