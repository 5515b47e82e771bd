import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import pino from 'pino'
import type { App } from '../../app.js'
import { jobDefinitions } from '../../jobs.js'
import { testApp } from '../../../test/support/app.js'
import { startSmtpSink, unusedPort, type SmtpSink } from '../../../test/support/smtp-sink.js'
import { networkFactory } from '../../../test/factories.js'
import { startJobs, type JobDefinition, type Jobs } from '../jobs/jobs.js'
import { queueMail } from './mail.js'
import { claimOutboxMessage, findOutboxMessage, type OutboxRow } from './outbox.repository.js'

const someone = (): string => `someone-${randomUUID().slice(0, 8)}@example.org`

/**
 * Real pg-boss on the test database, in a schema of its own (tests share a PostgreSQL database), with short
 * waits. No schedules: a minute's sweep would deliver other tests' messages, so each test dispatches its own network.
 */
async function startTestJobs(app: App, tune: (definition: JobDefinition) => Partial<JobDefinition>): Promise<{ jobs: Jobs; schema: string }> {
  const schema = `pgboss_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  const definitions = jobDefinitions(app.services).map((definition) => ({ ...definition, schedule: undefined, ...tune(definition) }))
  const jobs = await startJobs(app.services.deps.database, definitions, pino({ level: 'silent' }), { pollingIntervalSeconds: 0.5, schema })
  app.services.deps.jobs = jobs
  return { jobs, schema }
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('mail delivery through the job queue', () => {
  const cleanups: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.()
  })

  async function setUp(tune: (definition: JobDefinition) => Partial<JobDefinition>, now?: () => Date) {
    const port = await unusedPort()
    const app = await testApp({ config: { SMTP_URL: `smtp://127.0.0.1:${port}` }, ...(now ? { now } : {}) })
    cleanups.push(() => app.server.close())
    const { jobs, schema } = await startTestJobs(app, tune)
    cleanups.push(() => app.services.deps.database.executeSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))
    cleanups.push(() => jobs.stop())
    const startSink = async (): Promise<SmtpSink> => {
      const sink = await startSmtpSink(port)
      cleanups.push(() => sink.stop())
      return sink
    }
    return { app, startSink }
  }

  it('delivers a message queued while the SMTP server is down once it comes back, exactly once', async () => {
    const { app, startSink } = await setUp((definition) =>
      definition.name === 'mail.deliver' ? { retryDelaySeconds: 1, retryLimit: 10 } : {},
    )
    const { db } = app.services.deps
    const network = await networkFactory.create()
    const to = someone()
    const id = await db.transaction((tx) =>
      queueMail(tx, { networkId: network.id, to, template: 'twoFactorEnabled', language: 'en', data: { name: 'Ada' } }),
    )
    await app.services.mail.dispatchSoon({ networkId: network.id })

    const failed = await eventually(
      () => findOutboxMessage(db, id),
      (row) => (row?.attempts ?? 0) >= 1 && row?.lastError !== null,
    )
    expect(failed?.status).toBe('pending')

    const sink = await startSink()
    const mail = await sink.waitFor((received) => received.to.includes(to))
    expect(mail.subject).toBe('Two-factor authentication is now on')
    const sent = await eventually(
      () => findOutboxMessage(db, id),
      (row) => row?.status === 'sent',
    )
    expect(sent?.attempts).toBeGreaterThanOrEqual(2)
    expect(sent?.transport).toBe('smtp')

    // Another sweep, and time for any stray retry, must not send it again.
    await app.services.mail.dispatch({ networkId: network.id })
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(sink.messages.filter((received) => received.to.includes(to))).toHaveLength(1)
  })

  it('gives a message whose retries ran out another round after its rest', async () => {
    let clock = new Date()
    const { app, startSink } = await setUp(
      (definition) => (definition.name === 'mail.deliver' ? { retryDelaySeconds: 1, retryLimit: 0 } : {}),
      () => clock,
    )
    const { db } = app.services.deps
    const network = await networkFactory.create()
    const to = someone()
    const id = await queueMail(db, { networkId: network.id, to, template: 'twoFactorEnabled', language: 'en', data: { name: 'Ada' } })
    await app.services.mail.dispatchSoon({ networkId: network.id })

    const failed = await eventually(
      () => findOutboxMessage(db, id),
      (row) => row?.status === 'failed',
    )
    expect(failed?.attempts).toBe(1)

    const sink = await startSink()
    // Still resting: the sweep leaves it alone.
    expect(await app.services.mail.dispatch({ networkId: network.id })).toBe(0)
    clock = new Date(clock.getTime() + 61 * 60_000)
    expect(await app.services.mail.dispatch({ networkId: network.id })).toBe(1)
    await sink.waitFor((received) => received.to.includes(to))
    const sent = await eventually(
      () => findOutboxMessage(db, id),
      (row: OutboxRow | null) => row?.status === 'sent',
    )
    expect(sent?.attempts).toBe(2)
  })

  it('gives a new job to a message whose job was lost mid-attempt', async () => {
    let clock = new Date()
    const { app, startSink } = await setUp(() => ({}), () => clock)
    const { db } = app.services.deps
    const network = await networkFactory.create()
    const to = someone()
    const id = await queueMail(db, { networkId: network.id, to, template: 'twoFactorEnabled', language: 'en', data: { name: 'Ada' } })
    const sink = await startSink()
    // A worker claimed it and died: attempts went up, the lease was taken, nothing was sent.
    await claimOutboxMessage(db, id, clock, new Date(clock.getTime() + 5 * 60_000))
    expect(await app.services.mail.dispatch({ networkId: network.id })).toBe(0)

    clock = new Date(clock.getTime() + 66 * 60_000)
    expect(await app.services.mail.dispatch({ networkId: network.id })).toBe(1)
    await sink.waitFor((received) => received.to.includes(to))
    expect(sink.messages.filter((received) => received.to.includes(to))).toHaveLength(1)
  })
})
