import type { Config } from '../../config.js'

/** The window for every limit on the sign-in, two-factor, password-reset and invitation forms. */
export const authRateLimitWindowMs = 15 * 60_000

/**
 * Route config limiting each address to AUTH_RATE_LIMIT posts per window on one route (default 20).
 * Raise it where many staff share one address (a council office behind one gateway).
 */
export function authRateLimit(config: Config): { rateLimit: { max: number; timeWindow: number } } {
  return { rateLimit: { max: config.AUTH_RATE_LIMIT, timeWindow: authRateLimitWindowMs } }
}
