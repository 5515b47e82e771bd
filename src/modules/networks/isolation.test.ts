import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { invitations, memberships, organisations } from '../../db/schema/index.js'
import { networkWithPeople } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import { testDatabase } from '../../../test/support/database.js'
import { signIn } from '../../../test/support/sign-in.js'

/** Networks never see each other's data: every address of another network's data is "not found". */
describe('another network’s data', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  async function twoNetworks() {
    const a = await networkWithPeople()
    const b = await networkWithPeople()
    const { db } = await testDatabase()
    const [invitation] = await db
      .insert(invitations)
      .values({
        networkId: b.network.id,
        organisationId: b.organisation.id,
        email: `pending-${randomUUID()}@example.org`,
        name: 'Pending Person',
        role: 'referrer',
        tokenHash: randomUUID(),
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning()
    return { a, b, invitation }
  }

  it('is not found for every page, whoever asks in network A — even its coordinator', async () => {
    const { a, b, invitation } = await twoNetworks()
    const org = b.organisation.id
    const pages = [
      `/organisations/${org}`,
      `/organisations/${org}/edit`,
      `/organisations/${org}/users`,
      `/organisations/${org}/users/invite`,
      `/organisations/${org}/users/${b.referrer.id}/role`,
      `/organisations/${org}/users/${b.referrer.id}/remove`,
      `/users/${b.referrer.id}`,
      `/users/${b.coordinator.id}`,
      // A's organisation with B's people.
      `/organisations/${a.organisation.id}/users/${b.referrer.id}/role`,
      `/organisations/${a.organisation.id}/users/${b.referrer.id}/remove`,
      `/organisations/not-an-id`,
    ]
    for (const person of [a.coordinator, a.admin]) {
      const browser = await signIn(app, person)
      for (const page of pages) expect((await browser.get(page)).status, `${page} as ${person.email}`).toBe(404)
    }
    expect(invitation.id).toBeDefined()
  })

  it('is not found, and unchanged, for every form posted to it', async () => {
    const { a, b, invitation } = await twoNetworks()
    const org = b.organisation.id
    const browser = await signIn(app, a.coordinator)
    const tokenPage = `/organisations/${a.organisation.id}/users/invite`
    const posts: [string, Record<string, string>][] = [
      [`/organisations/${org}/edit`, { name: 'Taken over', type: 'other', statutory: 'no' }],
      [`/organisations/${org}/users/invite`, { name: 'Intruder', email: `intruder-${randomUUID()}@example.org`, role: 'organisation_admin' }],
      [`/organisations/${org}/users/${b.referrer.id}/role`, { role: 'organisation_admin' }],
      [`/organisations/${org}/users/${b.referrer.id}/remove`, {}],
      [`/organisations/${org}/invitations/${invitation.id}/revoke`, {}],
      [`/organisations/${a.organisation.id}/invitations/${invitation.id}/revoke`, {}],
      [`/organisations/${a.organisation.id}/users/${b.referrer.id}/remove`, {}],
    ]
    for (const [url, fields] of posts) {
      expect((await browser.submit(tokenPage, fields, url)).status, url).toBe(404)
    }

    const { db } = await testDatabase()
    const [organisation] = await db.select().from(organisations).where(eq(organisations.id, org))
    expect(organisation.name).toBe(b.organisation.name)
    const bMemberships = await db.select().from(memberships).where(eq(memberships.organisationId, org))
    expect(bMemberships.find((m) => m.userId === b.referrer.id)?.role).toBe('referrer')
    expect(bMemberships).toHaveLength(3)
    const bInvitations = await db.select().from(invitations).where(eq(invitations.organisationId, org))
    expect(bInvitations).toHaveLength(1)
    expect(bInvitations[0].revokedAt).toBeNull()
  })

  it('does not appear in network A’s list of organisations', async () => {
    const { a, b } = await twoNetworks()
    const browser = await signIn(app, a.referrer)
    const page = await browser.get('/organisations')
    expect(page.body).toContain(a.organisation.name)
    expect(page.body).not.toContain(b.organisation.name)
  })
})
