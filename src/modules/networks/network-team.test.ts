import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { invitations, networkRoles, users } from '../../db/schema/index.js'
import { grantNetworkRole, networkWithPeople, userFactory } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import { BrowserClient } from '../../../test/support/browser-client.js'
import { testDatabase } from '../../../test/support/database.js'
import { signIn } from '../../../test/support/sign-in.js'
import { linkSentTo } from '../../platform/auth/auth.test-support.js'

const password = 'a long enough password for tests'

describe('the network team: inviting an analyst', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('lets the coordinator invite an analyst, who joins with that network role and is shown as such', async () => {
    const { network, coordinator } = await networkWithPeople()
    const browser = await signIn(app, coordinator)
    const email = `analyst-${randomUUID().slice(0, 8)}@example.org`
    const sent = await browser.submit('/network/team/invite', { name: 'Aled Analyst', email })
    expect(sent.status).toBe(303)
    expect(sent.location).toBe('/network/team')
    const { db } = await testDatabase()
    const [invitation] = await db.select().from(invitations).where(eq(invitations.email, email))
    expect(invitation).toMatchObject({ networkId: network.id, organisationId: null, role: null, networkRole: 'analyst', invitedBy: coordinator.id })
    const team = await browser.follow(sent)
    expect(team.body).toContain('Invitation sent')
    expect(/data-testid="network-invitations"[\s\S]*?<\/table>/.exec(team.body)?.[0]).toContain('Analyst')

    const again = await browser.submit('/network/team/invite', { name: 'Aled Analyst', email: email.toUpperCase() })
    expect(again.status).toBe(400)
    expect(again.body).toContain('already in the network team or has been invited')

    const invited = new BrowserClient(app.server)
    const accepted = await invited.submit(await linkSentTo(email, 'invitation'), { name: 'Aled Analyst', password, confirmPassword: password })
    expect(accepted.status).toBe(303)
    const [user] = await db.select().from(users).where(eq(users.email, email))
    const grants = await db.select().from(networkRoles).where(and(eq(networkRoles.userId, user.id), eq(networkRoles.networkId, network.id)))
    expect(grants.map((grant) => grant.role)).toEqual(['analyst'])

    const listed = await browser.get('/network/team')
    const people = /data-testid="network-team"[\s\S]*?<\/table>/.exec(listed.body)?.[0] ?? ''
    expect(people).toContain('Aled Analyst')
    expect(people).toMatch(/Aled Analyst[\s\S]*?Analyst/)
    expect((await browser.get(`/users/${user.id}`)).body).toContain('Analyst')
    // The analyst reads the hub's aggregates only: no referral lists, no team management.
    expect((await invited.get('/network/referrals')).status).toBe(403)
    expect((await invited.get('/network/team')).status).toBe(403)
    expect((await invited.get('/hub/export/referrals.csv')).status).toBe(403)
  })

  it('refuses the team pages to everyone but the coordinator and explains form problems beside the fields', async () => {
    const s = await networkWithPeople()
    const analyst = await userFactory.create()
    await grantNetworkRole(analyst, s.network, 'analyst')
    for (const user of [s.admin, s.referrer, analyst]) {
      const browser = await signIn(app, user)
      expect((await browser.get('/network/team/invite')).status).toBe(403)
    }
    const browser = await signIn(app, s.coordinator)
    const missing = await browser.submit('/network/team/invite', { name: '', email: 'nope@' })
    expect(missing.status).toBe(400)
    expect(missing.body).toContain('href="#name"')
    expect(missing.body).toContain('href="#email"')
    const existing = await browser.submit('/network/team/invite', { name: 'Already here', email: analyst.email })
    expect(existing.status).toBe(400)
    expect(existing.body).toContain('already in the network team')
    const { db } = await testDatabase()
    expect(await db.select().from(invitations).where(eq(invitations.email, analyst.email))).toHaveLength(0)
  })
})
