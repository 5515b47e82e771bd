import PgBoss from 'pg-boss'
import type { FastifyBaseLogger } from 'fastify'
import type { DatabaseHandle } from '../../db/client.js'

/** What a handler knows about the run it is in. */
export interface JobRun {
  id: string
  /** 0 on the first run, then 1, 2… on each retry. */
  retryCount: number
  /** True when a failure now will not be retried by the queue. */
  finalAttempt: boolean
}

export interface JobDefinition<T extends object = object> {
  name: string
  /** pg-boss retries a failed job with exponential back-off, up to this many times. */
  retryLimit?: number
  /** The first retry waits between this and twice this; each later one twice as long again. */
  retryDelaySeconds?: number
  /** A job still running after this long counts as failed (and is retried). */
  expireInSeconds?: number
  /**
   * 'short': at most one job per singletonKey waiting to run, so sending the same key again is a no-op.
   * Default 'standard': every send is a job.
   */
  policy?: 'standard' | 'short'
  /** Cron (Europe/London) for jobs that run on a schedule. */
  schedule?: string
  handle(data: T, run: JobRun): Promise<void>
}

export interface Jobs {
  send(name: string, data?: object, options?: { singletonKey?: string; startAfter?: number }): Promise<void>
  stop(): Promise<void>
}

export interface JobsOptions {
  pollingIntervalSeconds?: number
  /** The PostgreSQL schema for pg-boss's tables; tests sharing one database each use their own. */
  schema?: string
}

/**
 * Starts pg-boss on the app's own database: a PostgreSQL server by connection string,
 * or PGlite through its executeSql, so the embedded default needs nothing else.
 */
export async function startJobs(
  database: DatabaseHandle,
  definitions: JobDefinition[],
  logger: FastifyBaseLogger,
  options: JobsOptions = {},
): Promise<Jobs> {
  const schema = options.schema ?? 'pgboss'
  const boss =
    database.kind === 'postgres' && database.connectionString
      ? new PgBoss({ connectionString: database.connectionString, max: 3, schema })
      : new PgBoss({ db: { executeSql: (text, values) => database.executeSql(text, values) }, schema })
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
  await boss.start()
  for (const definition of definitions) {
    const queue = {
      name: definition.name,
      policy: definition.policy ?? 'standard',
      retryLimit: definition.retryLimit ?? 10,
      retryDelay: definition.retryDelaySeconds ?? 30,
      retryBackoff: true,
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
    }
    // createQueue leaves an existing queue alone; updateQueue brings its settings in line with the code.
    await boss.createQueue(definition.name, queue)
    await boss.updateQueue(definition.name, queue)
    await boss.work(
      definition.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, includeMetadata: true },
      async (jobs) => {
        for (const job of jobs) {
          const run = { id: job.id, retryCount: job.retryCount, finalAttempt: job.retryCount >= job.retryLimit }
          try {
            await definition.handle(job.data as object, run)
          } catch (error) {
            // Ids and the job's own short reason only: handlers keep personal data out of their errors.
            logger.warn(
              { job: definition.name, jobId: job.id, retryCount: job.retryCount, reason: error instanceof Error ? error.message : String(error) },
              run.finalAttempt ? 'job failed, no retries left' : 'job failed, will retry',
            )
            throw error
          }
        }
      },
    )
    if (definition.schedule) await boss.schedule(definition.name, definition.schedule, {}, { tz: 'Europe/London' })
    else await boss.unschedule(definition.name)
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
