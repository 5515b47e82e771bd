import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { buildApp, type App } from '../../../src/app.js'
import { loadConfig } from '../../../src/config.js'
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js'
import { jobDefinitions } from '../../../src/jobs.js'
import { startJobs, type Jobs } from '../../../src/platform/jobs/jobs.js'
import { testDatabase } from '../../support/database.js'

export interface JourneyApp {
  /** Where the browser finds the app: the real address it listens on, also used in emailed links. */
  baseUrl: string
  app: App
  database: DatabaseHandle
  /** Stops the server, then the jobs, then closes and removes a fresh installation's database. */
  close(): Promise<void>
}

export interface JourneyAppOptions {
  /**
   * 'fresh': a new, empty installation, as `npm start` makes on first run — a temporary PGlite data
   * directory, or, when DATABASE_URL is set, a new database on that PostgreSQL server, dropped afterwards.
   * 'shared': the test worker's database, which other tests fill with their own networks.
   */
  installation: 'fresh' | 'shared'
  /** Where the app sends mail; background jobs run (as with RUN_JOBS=true) only when this is given. */
  smtpUrl?: string
}

/** Starts the real app in this process, on an ephemeral port, the way src/server.ts does. */
export async function startJourneyApp(options: JourneyAppOptions): Promise<JourneyApp> {
  const installation = options.installation === 'fresh' ? await freshInstallation() : await sharedInstallation()
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.JOURNEY_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    PORT: String(port),
    BASE_URL: baseUrl,
    RUN_JOBS: options.smtpUrl ? 'true' : 'false',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...installation.env,
  })
  const { database } = installation
  let app: App | undefined
  let jobs: Jobs | undefined
  try {
    app = await buildApp({ config, database })
    if (config.RUN_JOBS) {
      // Short polling so a queued message reaches the mail sink within a second, not the default two.
      jobs = await startJobs(database, jobDefinitions(app.services), app.server.log, { pollingIntervalSeconds: 0.5 })
      app.services.deps.jobs = jobs
    }
    await app.server.listen({ host: config.HOST, port: config.PORT })
  } catch (error) {
    await app?.server.close()
    await jobs?.stop()
    await installation.remove()
    throw error
  }
  const started = app
  return {
    baseUrl,
    app: started,
    database,
    async close() {
      await started.server.close()
      await jobs?.stop()
      await installation.remove()
    },
  }
}

interface Installation {
  database: DatabaseHandle
  env: Record<string, string>
  remove(): Promise<void>
}

async function freshInstallation(): Promise<Installation> {
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) return freshPostgresDatabase(serverUrl)
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nwd-journey-'))
  const database = await openDatabase({ dataDir })
  await database.migrate()
  return {
    database,
    env: { DATA_DIR: dataDir },
    async remove() {
      await database.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** A new database on the same PostgreSQL server: the shared test database already holds other tests' networks. */
async function freshPostgresDatabase(serverUrl: string): Promise<Installation> {
  const name = `nwd_journey_${randomBytes(6).toString('hex')}`
  await administer(serverUrl, `CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  const database = await openDatabase({ databaseUrl, poolSize: 5 })
  const remove = async (): Promise<void> => {
    await database.close()
    await administer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
  try {
    await database.migrate()
  } catch (error) {
    await remove()
    throw error
  }
  return { database, env: { DATABASE_URL: databaseUrl }, remove }
}

async function administer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

async function sharedInstallation(): Promise<Installation> {
  const database = await testDatabase()
  // The worker's database outlives this file: other test files in the worker still use it.
  return { database, env: process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}, remove: async () => {} }
}

/** A port nobody is listening on, known before the app starts so BASE_URL (used in emailed links) can name it. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}
