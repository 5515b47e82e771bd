import { randomUUID } from 'node:crypto'
import type { Session } from 'fastify'
import { describe, expect, it } from 'vitest'
import { userFactory } from '../../../test/factories.js'
import { testDatabase } from '../../../test/support/database.js'
import { databaseSessionStore } from './session-store.js'
import { revokeSessionsOfUser } from './sessions.repository.js'

const set = (store: ReturnType<typeof databaseSessionStore>, sid: string, data: object) =>
  new Promise<void>((resolve, reject) => store.set(sid, data as Session, (error) => (error ? reject(error) : resolve())))
const get = (store: ReturnType<typeof databaseSessionStore>, sid: string) =>
  new Promise<Session | null | undefined>((resolve, reject) =>
    store.get(sid, (error, session) => (error ? reject(error) : resolve(session))),
  )

describe('session store', () => {
  it('keeps a session, and a revoked one stays revoked even if a request in flight saves it again', async () => {
    const { db } = await testDatabase()
    const store = databaseSessionStore(db)
    const user = await userFactory.create()
    const sid = randomUUID()
    await set(store, sid, { userId: user.id })
    expect((await get(store, sid))?.userId).toBe(user.id)

    await revokeSessionsOfUser(db, user.id)
    expect(await get(store, sid)).toBeNull()
    await set(store, sid, { userId: user.id })
    expect(await get(store, sid)).toBeNull()
  })

  it('revokes a session that is half-way through sign-in (second factor pending)', async () => {
    const { db } = await testDatabase()
    const store = databaseSessionStore(db)
    const user = await userFactory.create()
    const sid = randomUUID()
    await set(store, sid, { pendingUserId: user.id })
    await revokeSessionsOfUser(db, user.id)
    expect(await get(store, sid)).toBeNull()
  })

  it('keeps the current session when signing out other devices', async () => {
    const { db } = await testDatabase()
    const store = databaseSessionStore(db)
    const user = await userFactory.create()
    const [here, elsewhere] = [randomUUID(), randomUUID()]
    await set(store, here, { userId: user.id })
    await set(store, elsewhere, { userId: user.id })
    await revokeSessionsOfUser(db, user.id, here)
    expect((await get(store, here))?.userId).toBe(user.id)
    expect(await get(store, elsewhere)).toBeNull()
  })
})

describe('idle timeout', () => {
  it('ends a session after 30 minutes without a request, and activity keeps it alive', async () => {
    const { db } = await testDatabase()
    let clock = new Date('2026-11-25T09:00:00Z')
    const store = databaseSessionStore(db, () => clock)
    const user = await userFactory.create()
    const [active, idle] = [randomUUID(), randomUUID()]
    await set(store, active, { userId: user.id })
    await set(store, idle, { userId: user.id })

    clock = new Date('2026-11-25T09:20:00Z')
    expect((await get(store, active))?.userId).toBe(user.id)
    clock = new Date('2026-11-25T09:40:00Z')
    expect((await get(store, active))?.userId).toBe(user.id)
    expect(await get(store, idle)).toBeNull()
  })
})

describe('the actor read with the session', () => {
  it('hands the signed-in user’s actor row to the request once, and none for a session still waiting for its second factor', async () => {
    const { db } = await testDatabase()
    const store = databaseSessionStore(db)
    const [user, other] = [await userFactory.create(), await userFactory.create()]
    const [signedIn, pending] = [randomUUID(), randomUUID()]
    await set(store, signedIn, { userId: user.id })
    await set(store, pending, { pendingUserId: user.id })

    await get(store, signedIn)
    expect(store.takeActor(signedIn, other.id)).toBeUndefined()
    await get(store, signedIn)
    expect(store.takeActor(signedIn, user.id)).toMatchObject({ id: user.id, email: user.email, memberships: [], networkRoles: [] })
    expect(store.takeActor(signedIn, user.id)).toBeUndefined()

    await get(store, pending)
    expect(store.takeActor(pending, user.id)).toBeUndefined()
  })
})
