import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog } from '../../../db/schema/index.js'
import { loadActor, type ContextChoice } from '../../../platform/access/actor.js'
import type { Caller } from '../../../platform/access/caller.js'
import { can, type Action } from '../../../platform/access/policy.js'
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js'
import type { ServiceDependencies } from '../../../services.js'
import { addMembership, grantNetworkRole, networkWithPeople, organisationFactory, userFactory } from '../../../../test/factories.js'
import { testConfig } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import type { HubTable } from '../hub-table.js'
import { createExportsService, type HubTablesSource } from './exports.service.js'
import { presentExtractLinks } from './extract-links.presenter.js'

/** Stands in for the dashboard's tables: what the page would show for these filters. */
function pageTable(id: string): HubTable {
  return {
    id,
    title: 'Referrals by organisation',
    summary: 'Who sent referrals.',
    columns: [
      { key: 'organisation', label: 'Organisation', kind: 'text' },
      { key: 'referrals', label: 'Referrals', kind: 'count' },
    ],
    rows: [
      { organisation: '=cmd|" /C calc"!A0', referrals: 40 },
      { organisation: 'Small Trust', referrals: { suppressed: true } },
    ],
  }
}

const stubSource: HubTablesSource = {
  async network(_caller, query) {
    return { tables: [pageTable('referrals-by-organisation')], period: { from: '2026-01-01', to: '2026-03-31' }, filters: { ...(query as object) } }
  },
  async organisation(caller) {
    return { tables: [pageTable('demand-by-service')], period: { from: '2026-01-01', to: '2026-03-31' }, filters: {}, organisationId: caller.actor?.context?.organisationId }
  },
}

async function service() {
  const database = await testDatabase()
  const deps: ServiceDependencies = { db: database.db, database, config: testConfig(), now: () => new Date() }
  return createExportsService(deps, stubSource)
}

async function callerFor(user: { id: string }, choice?: ContextChoice): Promise<Caller> {
  const { db } = await testDatabase()
  return { actor: await loadActor(db, user.id, choice), language: 'en', requestId: 'test' }
}

async function hubNetwork() {
  const people = await networkWithPeople()
  const analyst = await userFactory.create()
  await grantNetworkRole(analyst, people.network, 'analyst')
  return { ...people, analyst }
}

describe('hub table exports: access and audit', () => {
  it('lets the coordinator and the analyst export a network table, audited with its filters and row count', async () => {
    const s = await hubNetwork()
    const exports = await service()
    for (const user of [s.coordinator, s.analyst]) {
      const file = await exports.table(await callerFor(user), 'network', 'referrals-by-organisation', 'csv', { issue: 'debt' })
      expect(file.filename).toBe(`${s.network.slug}-referrals-by-organisation-2026-01-01-to-2026-03-31.csv`)
      expect(String(file.body)).toContain(`"'=cmd|"" /C calc""!A0",40`)
      expect(String(file.body)).toContain('Small Trust,fewer than 5')
    }
    const xlsx = await exports.table(await callerFor(s.analyst), 'network', 'referrals-by-organisation', 'xlsx', {})
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer)
    expect(workbook.worksheets[0].getCell('A5').value).toBe(`'=cmd|" /C calc"!A0`)
    expect(workbook.worksheets[0].getCell('B5').value).toBe(40)

    const { db } = await testDatabase()
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.networkId, s.network.id), eq(auditLog.action, 'hub.table-exported')))
    expect(audits.map((entry) => entry.actorUserId).sort()).toEqual([s.coordinator.id, s.analyst.id, s.analyst.id].sort())
    expect(audits.find((entry) => entry.actorUserId === s.coordinator.id)).toMatchObject({
      subjectType: 'hub_table',
      subjectId: 'referrals-by-organisation',
      details: { scope: 'network', format: 'csv', filters: { issue: 'debt' }, rows: 2, organisationId: null },
    })
  })

  it('refuses network tables to organisation members, hides other networks, and finds no unknown table', async () => {
    const s = await hubNetwork()
    const exports = await service()
    for (const user of [s.admin, s.referrer, s.receiver]) {
      await expect(exports.table(await callerFor(user), 'network', 'referrals-by-organisation', 'csv', {})).rejects.toBeInstanceOf(ForbiddenError)
    }
    const stranger = await userFactory.create()
    await expect(exports.table(await callerFor(stranger), 'network', 'referrals-by-organisation', 'csv', {})).rejects.toBeInstanceOf(NotFoundError)
    await expect(exports.table(await callerFor(s.coordinator), 'network', 'no-such-table', 'csv', {})).rejects.toBeInstanceOf(NotFoundError)
    const { db } = await testDatabase()
    expect(await db.select().from(auditLog).where(and(eq(auditLog.networkId, s.network.id), eq(auditLog.action, 'hub.table-exported')))).toHaveLength(0)
  })

  it('lets an organisation admin export their own organisation’s tables, and nobody else in it', async () => {
    const s = await hubNetwork()
    const exports = await service()
    const file = await exports.table(await callerFor(s.admin), 'organisation', 'demand-by-service', 'csv', {})
    expect(file.filename).toContain('demand-by-service')
    for (const user of [s.referrer, s.receiver]) {
      await expect(exports.table(await callerFor(user), 'organisation', 'demand-by-service', 'csv', {})).rejects.toBeInstanceOf(ForbiddenError)
    }
    await expect(exports.table(await callerFor(s.analyst), 'organisation', 'demand-by-service', 'csv', {})).rejects.toBeInstanceOf(NotFoundError)
    const { db } = await testDatabase()
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.networkId, s.network.id), eq(auditLog.action, 'hub.table-exported')))
    expect(entry.details).toMatchObject({ scope: 'organisation', organisationId: s.organisation.id })
  })
})

describe('hub access rules', () => {
  it('gives the analyst the hub’s aggregates and nothing referral-level or personal', async () => {
    const s = await hubNetwork()
    const other = await hubNetwork()
    const analyst = await loadActor((await testDatabase()).db, s.analyst.id)
    const coordinator = await loadActor((await testDatabase()).db, s.coordinator.id)
    const admin = await loadActor((await testDatabase()).db, s.admin.id)
    const referrer = await loadActor((await testDatabase()).db, s.referrer.id)
    const networkId = s.network.id
    const organisationId = s.organisation.id
    const secondOrganisation = await organisationFactory.create({ networkId })
    const referral = { fromOrganisationId: organisationId, toOrganisationId: secondOrganisation.id }
    const allowed = (actor: typeof analyst, action: Action, target: Parameters<typeof can>[2] = { networkId }) => can(actor, action, target)

    expect(allowed(analyst, 'hub.view-network')).toBe(true)
    expect(allowed(analyst, 'hub.export')).toBe(true)
    expect(allowed(analyst, 'hub.extract')).toBe(false)
    expect(allowed(analyst, 'hub.view-organisation', { networkId, organisationId })).toBe(false)
    for (const action of ['referral.list-network', 'audit.view', 'network.manage', 'client.create', 'referral.send'] as Action[]) {
      expect(allowed(analyst, action)).toBe(false)
    }
    expect(allowed(analyst, 'referral.view-metadata', { networkId, referral })).toBe(false)
    expect(allowed(analyst, 'referral.view', { networkId, referral })).toBe(false)
    expect(allowed(analyst, 'client.view', { networkId, organisationId, sharedWithOrganisationIds: [secondOrganisation.id] })).toBe(false)
    expect(allowed(analyst, 'hub.view-network', { networkId: other.network.id })).toBe(false)

    expect(allowed(coordinator, 'hub.extract')).toBe(true)
    expect(allowed(coordinator, 'hub.view-organisation', { networkId, organisationId })).toBe(true)
    expect(allowed(admin, 'hub.view-organisation', { networkId, organisationId })).toBe(true)
    expect(allowed(admin, 'hub.export', { networkId, organisationId })).toBe(true)
    expect(allowed(admin, 'hub.view-organisation', { networkId, organisationId: secondOrganisation.id })).toBe(false)
    expect(allowed(admin, 'hub.view-network')).toBe(false)
    expect(allowed(referrer, 'hub.view-organisation', { networkId, organisationId })).toBe(false)
    expect(allowed(referrer, 'hub.export', { networkId, organisationId })).toBe(false)
    expect(allowed(other.coordinator ? await loadActor((await testDatabase()).db, other.coordinator.id) : null, 'hub.extract')).toBe(false)
  })

  it('offers the extract links to the coordinator only, for the page’s period', async () => {
    const s = await hubNetwork()
    const period = { from: '2026-01-01', to: '2026-03-31' }
    const links = presentExtractLinks((await callerFor(s.coordinator)).actor, 'en', period)
    expect(links?.links.map((link) => link.href)).toEqual([
      '/hub/export/referrals.csv?from=2026-01-01&to=2026-03-31',
      '/hub/export/referrals.xlsx?from=2026-01-01&to=2026-03-31',
    ])
    for (const user of [s.analyst, s.admin, s.referrer]) expect(presentExtractLinks((await callerFor(user)).actor, 'en', period)).toBeNull()
    expect(presentExtractLinks(null, 'en', period)).toBeNull()
  })

  it('gives an analyst who also works in an organisation the hub in that context too', async () => {
    const s = await hubNetwork()
    await addMembership(s.analyst, s.organisation, 'referrer')
    const caller = await callerFor(s.analyst, { networkId: s.network.id, organisationId: s.organisation.id })
    expect(can(caller.actor, 'hub.view-network', { networkId: s.network.id })).toBe(true)
    expect(can(caller.actor, 'referral.list-network', { networkId: s.network.id })).toBe(false)
  })
})
