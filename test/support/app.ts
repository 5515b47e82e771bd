import { buildApp, type App, type AppDependencies } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { testDatabase } from './database.js'

export function testConfig(overrides: Record<string, string> = {}): Config {
  // Tests sign in many times from one address; the rate-limit test sets its own low AUTH_RATE_LIMIT.
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RUN_JOBS: 'false', AUTH_RATE_LIMIT: '10000', ...overrides })
}

/** The whole app on the worker's database, without background jobs unless a test passes them. */
export async function testApp(
  options: { config?: Record<string, string> } & Partial<Omit<AppDependencies, 'config' | 'database'>> = {},
): Promise<App> {
  const { config, ...rest } = options
  const database = await testDatabase()
  const app = await buildApp({ config: testConfig(config), database, ...rest })
  await app.server.ready()
  return app
}
