import { ConfigError, loadConfig, type Config } from '../config.js'
import { openDatabase, type DatabaseHandle } from '../db/client.js'
import { createServices, type Services } from '../services.js'

export interface ScriptContext {
  config: Config
  database: DatabaseHandle
  services: Services
}

/**
 * What every `npm run` script does around its own work: read the configuration, open and migrate the database,
 * build the services, close the database however the work ends, and say what went wrong in plain words.
 * Errors of the given kinds are the user's to fix and are shown as they are; others get `failure` in front.
 */
export function runScript(
  failure: string,
  work: (context: ScriptContext) => Promise<void>,
  userErrors: (abstract new (...args: never[]) => Error)[] = [],
): void {
  const main = async (): Promise<void> => {
    const config = loadConfig()
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 })
    try {
      await database.migrate()
      await work({ config, database, services: createServices({ db: database.db, database, config, now: () => new Date() }) })
    } finally {
      await database.close()
    }
  }
  main().catch((error: unknown) => {
    const known = error instanceof ConfigError || userErrors.some((kind) => error instanceof kind)
    const detail = error instanceof Error ? error.message : String(error)
    process.stderr.write(`${known ? detail : `${failure}: ${detail}`}\n`)
    process.exit(1)
  })
}
