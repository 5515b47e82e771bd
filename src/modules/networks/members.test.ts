import { randomUUID } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { auditLog, invitations, memberships, outbox, sessions } from '../../db/schema/index.js'
import { addMembership, networkWithPeople, organisationFactory, userFactory } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import { testDatabase } from '../../../test/support/database.js'
import { signIn } from '../../../test/support/sign-in.js'

async function membershipOf(userId: string, organisationId: string) {
  const { db } = await testDatabase()
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)))
  return row ?? null
}

async function auditRows(action: string, subjectId: string) {
  const { db } = await testDatabase()
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)))
}

describe('an organisation’s users', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('lists members with their roles for the organisation’s admin', async () => {
    const { organisation, admin, referrer, receiver } = await networkWithPeople()
    const browser = await signIn(app, admin)
    const page = await browser.get(`/organisations/${organisation.id}/users`)
    expect(page.status).toBe(200)
    for (const person of [admin, referrer, receiver]) expect(page.body).toContain(person.email)
    expect(page.body).toContain('Organisation admin')
    expect(page.body).toContain('Only admin')
  })

  it('refuses the users page to a referrer of the same organisation, and to an admin of another', async () => {
    const { network, organisation, referrer } = await networkWithPeople()
    const asReferrer = await signIn(app, referrer)
    expect((await asReferrer.get(`/organisations/${organisation.id}/users`)).status).toBe(403)

    const other = await organisationFactory.create({ networkId: network.id })
    const otherAdmin = await userFactory.transient({ totp: true }).create()
    await addMembership(otherAdmin, other, 'organisation_admin')
    const asOtherAdmin = await signIn(app, otherAdmin)
    expect((await asOtherAdmin.get(`/organisations/${organisation.id}/users`)).status).toBe(403)
  })

  it('lets an admin invite a user: an invitation and its email; not twice', async () => {
    const { network, organisation, admin } = await networkWithPeople()
    const browser = await signIn(app, admin)
    const email = `mo-${randomUUID().slice(0, 8)}@example.org`
    const response = await browser.submit(`/organisations/${organisation.id}/users/invite`, { name: 'Mo Ahmed', email, role: 'receiver' })
    expect(response.status).toBe(303)
    expect(response.location).toBe(`/organisations/${organisation.id}/users`)

    const { db } = await testDatabase()
    const [invitation] = await db.select().from(invitations).where(eq(invitations.email, email))
    expect(invitation).toMatchObject({ networkId: network.id, organisationId: organisation.id, role: 'receiver', invitedBy: admin.id })
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, email))).toHaveLength(1)
    const page = await browser.follow(response)
    expect(page.body).toContain('Invitation sent')
    expect(page.body).toContain(email)

    const again = await browser.submit(`/organisations/${organisation.id}/users/invite`, { name: 'Mo Ahmed', email: email.toUpperCase(), role: 'referrer' })
    expect(again.status).toBe(400)
    expect(again.body).toContain('already been invited')
    expect(await db.select().from(invitations).where(eq(invitations.email, email))).toHaveLength(1)
  })

  it('shows invitation problems beside the fields and keeps what was typed', async () => {
    const { organisation, admin, referrer } = await networkWithPeople()
    const browser = await signIn(app, admin)
    const missing = await browser.submit(`/organisations/${organisation.id}/users/invite`, { name: 'Sam Lee', email: 'sam@' })
    expect(missing.status).toBe(400)
    expect(missing.body).toContain('href="#email"')
    expect(missing.body).toContain('href="#role"')
    expect(missing.body).toContain('value="Sam Lee"')
    const member = await browser.submit(`/organisations/${organisation.id}/users/invite`, { name: 'Again', email: referrer.email, role: 'referrer' })
    expect(member.status).toBe(400)
    expect(member.body).toContain('already a member')
  })

  it('lets an admin change a member’s role, audited with what it was and what it became', async () => {
    const { organisation, admin, referrer } = await networkWithPeople()
    const browser = await signIn(app, admin)
    const form = await browser.get(`/organisations/${organisation.id}/users/${referrer.id}/role`)
    expect(form.body).toMatch(/value="referrer" checked/)
    const response = await browser.submit(`/organisations/${organisation.id}/users/${referrer.id}/role`, { role: 'receiver' })
    expect(response.status).toBe(303)
    expect((await membershipOf(referrer.id, organisation.id))?.role).toBe('receiver')
    const [entry] = await auditRows('role.changed', referrer.id)
    expect(entry).toMatchObject({ actorUserId: admin.id, details: { organisationId: organisation.id, from: 'referrer', to: 'receiver' } })
  })

  it('will not demote or remove the last admin, and says why', async () => {
    const { organisation, admin, coordinator } = await networkWithPeople()
    const browser = await signIn(app, coordinator)
    const demote = await browser.submit(`/organisations/${organisation.id}/users/${admin.id}/role`, { role: 'referrer' })
    expect(demote.status).toBe(400)
    expect(demote.body).toContain('An organisation must have at least one admin')
    const confirm = await browser.get(`/organisations/${organisation.id}/users/${admin.id}/remove`)
    expect(confirm.body).toContain('only admin')
    expect(confirm.body).not.toContain('Yes, remove user')
    // The confirmation page offers no button, so post with the token of another page, as a crafted request would.
    const removePost = await browser.submit(`/organisations/${organisation.id}/users/${admin.id}/role`, {}, `/organisations/${organisation.id}/users/${admin.id}/remove`)
    expect(removePost.status).toBe(400)
    expect(removePost.body).toContain('An organisation must have at least one admin')
    expect((await membershipOf(admin.id, organisation.id))?.role).toBe('organisation_admin')
    expect(await auditRows('membership.removed', admin.id)).toHaveLength(0)
  })

  it('lets an admin remove a member after confirming; someone left with no organisation is signed out', async () => {
    const { organisation, admin, receiver } = await networkWithPeople()
    const asReceiver = await signIn(app, receiver)
    expect((await asReceiver.get('/')).status).toBe(200)

    const browser = await signIn(app, admin)
    const confirm = await browser.get(`/organisations/${organisation.id}/users/${receiver.id}/remove`)
    expect(confirm.status).toBe(200)
    expect(confirm.body).toContain(`Remove ${receiver.name} from`)
    const response = await browser.submit(`/organisations/${organisation.id}/users/${receiver.id}/remove`, {})
    expect(response.status).toBe(303)
    expect(await membershipOf(receiver.id, organisation.id)).toBeNull()
    const [entry] = await auditRows('membership.removed', receiver.id)
    expect(entry).toMatchObject({ actorUserId: admin.id, details: { organisationId: organisation.id, role: 'receiver' } })

    const { db } = await testDatabase()
    expect(await db.select().from(sessions).where(and(eq(sessions.userId, receiver.id), isNull(sessions.revokedAt)))).toHaveLength(0)
    const after = await asReceiver.get('/organisations')
    expect(after.status).toBe(303)
    expect(after.location).toMatch(/^\/sign-in/)
  })

  it('moves someone who still works elsewhere to their other organisation', async () => {
    const { network, organisation, admin, referrer } = await networkWithPeople()
    const elsewhere = await organisationFactory.create({ networkId: network.id })
    await addMembership(referrer, elsewhere, 'referrer')
    const asReferrer = await signIn(app, referrer)
    const browser = await signIn(app, admin)
    await browser.submit(`/organisations/${organisation.id}/users/${referrer.id}/remove`, {})
    expect(await membershipOf(referrer.id, organisation.id)).toBeNull()
    const home = await asReferrer.get('/')
    expect(home.status).toBe(200)
    expect(home.body).toContain(elsewhere.name)
    expect(home.body).not.toContain(organisation.name)
  })

  it('lets an admin cancel an invitation that has not been accepted', async () => {
    const { organisation, admin } = await networkWithPeople()
    const browser = await signIn(app, admin)
    const email = `cancel-${randomUUID().slice(0, 8)}@example.org`
    await browser.submit(`/organisations/${organisation.id}/users/invite`, { name: 'Not Needed', email, role: 'referrer' })
    const { db } = await testDatabase()
    const [invitation] = await db.select().from(invitations).where(eq(invitations.email, email))
    const response = await browser.submit(`/organisations/${organisation.id}/users`, {}, `/organisations/${organisation.id}/invitations/${invitation.id}/revoke`)
    expect(response.status).toBe(303)
    const [revoked] = await db.select().from(invitations).where(eq(invitations.id, invitation.id))
    expect(revoked.revokedAt).not.toBeNull()
    expect(await auditRows('invitation.revoked', invitation.id)).toHaveLength(1)
    const page = await browser.follow(response)
    expect(page.body).not.toContain(email)
    const twice = await browser.submit(`/organisations/${organisation.id}/users/invite`, {}, `/organisations/${organisation.id}/invitations/${invitation.id}/revoke`)
    expect(twice.status).toBe(404)
  })

  it('shows a user’s memberships in this network to people allowed to see them', async () => {
    const { network, organisation, admin, referrer } = await networkWithPeople()
    const other = await organisationFactory.create({ networkId: network.id })
    const stranger = await userFactory.create()
    await addMembership(stranger, other, 'referrer')
    const browser = await signIn(app, admin)
    const page = await browser.get(`/users/${referrer.id}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain(referrer.name)
    expect(page.body).toContain(referrer.email)
    expect(page.body).toContain(organisation.name)
    expect((await browser.get(`/users/${stranger.id}`)).status).toBe(403)
  })
})
