import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../../../db/client.js'
import { frontDoorRequests, organisations, users } from '../../../db/schema/index.js'
import { loadActor } from '../../../platform/access/actor.js'
import { can } from '../../../platform/access/policy.js'
import { testConfig } from '../../../../test/support/app.js'
import { seedDemo } from '../../networks/demo.js'
import { ukDate } from '../../referrals/sla/working-days.js'
import { isOverdue } from './triage.presenter.js'

describe('the demo network’s front door', () => {
  // Its own database: the demo's slug and emails are unique in an installation.
  let database: DatabaseHandle
  beforeAll(async () => {
    database = await openDatabase({})
    await database.migrate()
  })
  afterAll(async () => {
    await database.close()
  })

  it('names two front-door organisations and has requests in five languages, some waiting too long; seeding again adds none', async () => {
    const now = new Date('2026-11-25T12:00:00Z')
    const { networkId } = await seedDemo(database.db, { encryptionKey: testConfig().ENCRYPTION_KEY, now })
    const { db } = database
    const frontDoors = (await db.select().from(organisations).where(eq(organisations.networkId, networkId))).filter((organisation) => organisation.frontDoor)
    expect(frontDoors.map((organisation) => organisation.name).sort()).toEqual(['Riverside Borough Council – Customer Services', 'Riverside Citizens Advice'])

    const requests = await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.networkId, networkId))
    expect(new Set(requests.map((request) => request.language))).toEqual(new Set(['en', 'cy', 'ar', 'pl', 'bn']))
    expect(requests.some((request) => request.interpreterNeeded)).toBe(true)
    expect(new Set(requests.map((request) => request.status))).toEqual(new Set(['new', 'claimed', 'closed']))
    const today = { today: ukDate(now), nation: 'england' as const }
    expect(requests.filter((request) => isOverdue(request, today)).length).toBeGreaterThanOrEqual(2)
    expect(requests.filter((request) => request.status === 'new' && !isOverdue(request, today)).length).toBeGreaterThanOrEqual(2)
    const byPhone = requests.find((request) => request.channel === 'phone')
    expect(byPhone).toMatchObject({ name: 'Jim Hargreaves', consentMethod: 'verbal', email: null, contactMethod: 'phone' })
    expect(requests.every((request) => request.issueTermIds.length > 0)).toBe(true)

    // Tom Walsh, a referrer at Citizens Advice, works the front door.
    const [tom] = await db.select().from(users).where(eq(users.email, 'tom.walsh@riverside.example'))
    const actor = await loadActor(db, tom.id)
    expect(actor?.context?.organisationFrontDoor).toBe(true)
    expect(can(actor, 'front-door.triage', { networkId })).toBe(true)

    await seedDemo(database.db, { encryptionKey: testConfig().ENCRYPTION_KEY, now })
    expect(await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.networkId, networkId))).toHaveLength(requests.length)
  }, 60_000)
})
