import { loadConfig, ConfigError } from '../config.js'
import { openDatabase } from '../db/client.js'
import { describeDemo, seedDemo } from '../modules/networks/demo.js'

/** `npm run demo`: adds the fictional Riverside network to the configured database and prints its accounts. */
async function main(): Promise<void> {
  const config = loadConfig()
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: 2,
  })
  try {
    await database.migrate()
    const result = await seedDemo(database.db, { encryptionKey: config.ENCRYPTION_KEY })
    process.stdout.write(result.created ? 'The demo network has been created.\n\n' : 'The demo network was already there; anything missing has been added.\n\n')
    process.stdout.write(describeDemo(config.BASE_URL))
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `The demo could not be set up: ${error instanceof Error ? error.message : String(error)}`
  process.stderr.write(`${message}\n`)
  process.exit(1)
})
