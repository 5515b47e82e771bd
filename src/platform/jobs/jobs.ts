import PgBoss from 'pg-boss'
import type { FastifyBaseLogger } from 'fastify'
import type { DatabaseHandle } from '../../db/client.js'

export interface JobDefinition<T extends object = object> {
  name: string
  /** pg-boss retries a failed job with exponential back-off, up to this many times. */
  retryLimit?: number
  retryDelaySeconds?: number
  /** Cron (Europe/London) for jobs that run on a schedule. */
  schedule?: string
  handle(data: T): Promise<void>
}

export interface Jobs {
  send(name: string, data?: object, options?: { singletonKey?: string; startAfter?: number }): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts pg-boss on the app's own database: a PostgreSQL server by connection string,
 * or PGlite through its executeSql, so the embedded default needs nothing else.
 */
export async function startJobs(
  database: DatabaseHandle,
  definitions: JobDefinition[],
  logger: FastifyBaseLogger,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<Jobs> {
  const boss =
    database.kind === 'postgres' && database.connectionString
      ? new PgBoss({ connectionString: database.connectionString, max: 3 })
      : new PgBoss({ db: { executeSql: (text, values) => database.executeSql(text, values) } })
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
  await boss.start()
  for (const definition of definitions) {
    await boss.createQueue(definition.name, {
      name: definition.name,
      retryLimit: definition.retryLimit ?? 10,
      retryDelay: definition.retryDelaySeconds ?? 30,
      retryBackoff: true,
    })
    await boss.work(
      definition.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        for (const job of jobs) await definition.handle(job.data as object)
      },
    )
    if (definition.schedule) await boss.schedule(definition.name, definition.schedule, {}, { tz: 'Europe/London' })
  }
  return {
    async send(name, data = {}, sendOptions = {}) {
      await boss.send(name, data, sendOptions)
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}
