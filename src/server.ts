import { buildApp } from './app.js'
import { loadConfig, ConfigError } from './config.js'
import { openDatabase } from './db/client.js'
import { startJobs, type Jobs } from './platform/jobs/jobs.js'
import { jobDefinitions } from './jobs.js'
import { describeDemo } from './modules/networks/demo.js'

async function main(): Promise<void> {
  const config = loadConfig()
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  })
  await database.migrate()
  const app = await buildApp({ config, database })
  let jobs: Jobs | undefined
  if (config.RUN_JOBS) {
    jobs = await startJobs(database, jobDefinitions(app.services), app.server.log)
    app.services.deps.jobs = jobs
  }
  await app.server.listen({ port: config.PORT, host: config.HOST })
  app.server.log.info(`No Wrong Door is ready at ${config.BASE_URL} (${database.kind === 'pglite' ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL server'})`)
  // The demo's accounts are public and fictional; printing them saves a newcomer a trip to the README.
  if (await app.services.networks.firstRun.demoOverview()) process.stdout.write(`\n${describeDemo(config.BASE_URL)}\n`)

  let stopping = false
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    app.server.log.info({ signal }, 'shutting down')
    // Stop taking requests, let the ones in flight finish, then stop jobs and close the database.
    await app.server.close()
    await jobs?.stop()
    await database.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`)
  } else {
    process.stderr.write(`No Wrong Door could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  }
  process.exit(1)
})
