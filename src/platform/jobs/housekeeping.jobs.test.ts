import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { jobDefinitions } from '../../jobs.js'
import { testApp } from '../../../test/support/app.js'
import { findSession, upsertSession } from '../http/sessions.repository.js'

describe('housekeeping jobs', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('deletes expired sessions every hour and keeps live ones', async () => {
    const { db } = app.services.deps
    const expired = `expired-${randomUUID()}`
    const live = `live-${randomUUID()}`
    await upsertSession(db, { sid: expired, userId: null, data: {}, expiresAt: new Date(Date.now() - 60_000) })
    await upsertSession(db, { sid: live, userId: null, data: {}, expiresAt: new Date(Date.now() + 30 * 60_000) })

    const job = jobDefinitions(app.services).find((definition) => definition.name === 'housekeeping.expired-sessions')
    expect(job?.schedule).toMatch(/^\d+ \* \* \* \*$/)
    await job?.handle({}, { id: randomUUID(), retryCount: 0, finalAttempt: false })

    expect(await findSession(db, expired)).toBeNull()
    expect(await findSession(db, live)).not.toBeNull()
  })

  it('sweeps the outbox every minute', () => {
    const dispatch = jobDefinitions(app.services).find((definition) => definition.name === 'mail.dispatch')
    expect(dispatch?.schedule).toBe('* * * * *')
  })
})
