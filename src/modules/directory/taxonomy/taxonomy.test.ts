import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog, taxonomyTerms } from '../../../db/schema/index.js'
import { networkWithPeople } from '../../../../test/factories.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'
import { listTermNames, termNameAt } from './taxonomy.repository.js'
import { codeFor } from './taxonomy.service.js'
import { termName } from './term-name.js'

describe('issue taxonomy', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('lists the 19 starter issues in English and Welsh with how many services use each, for the coordinator only', async () => {
    const { network, organisation, coordinator, admin } = await networkWithPeople()
    await serviceFactory.transient({ issues: ['debt'] }).create({ networkId: network.id, organisationId: organisation.id })
    const browser = await signIn(app, coordinator)
    const page = await browser.get('/taxonomy')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Food Support')
    expect(page.body).toContain('Cymorth Bwyd')
    expect(page.body.match(/href="\/taxonomy\/[0-9a-f-]{36}"/g)).toHaveLength(19)
    const debtRow = /Debt<\/a>[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? ''
    expect(debtRow).toContain('Dyled')
    expect(debtRow).toMatch(/>\s*1\s*</)

    const welsh = await browser.get('/taxonomy?lang=cy').then((redirect) => browser.follow(redirect))
    expect(welsh.body).toContain('>Dyled</a>')

    const asAdmin = await signIn(app, admin)
    expect((await asAdmin.get('/taxonomy')).status).toBe(403)
  })

  it('renames an issue keeping its history: the old name is still answerable for its time', async () => {
    const { network, coordinator } = await networkWithPeople()
    const terms = await termIdsByCode(network.id)
    const before = new Date()
    const browser = await signIn(app, coordinator)
    const response = await browser.submit(`/taxonomy/${terms['utility-advice']}/edit`, {
      name: 'Energy and Water Advice',
      nameCy: 'Cyngor ar Ynni a Dŵr',
      description: 'Bills, arrears, grants and switching.',
    })
    expect(response.status).toBe(303)

    const { db } = await testDatabase()
    const names = await listTermNames(db, network.id, terms['utility-advice'])
    expect(names.map((row) => [row.name, row.validTo === null])).toEqual([
      ['Energy and Water Advice', true],
      ['Utility Advice', false],
    ])
    expect((await termNameAt(db, network.id, terms['utility-advice'], before))?.name).toBe('Utility Advice')
    expect((await termNameAt(db, network.id, terms['utility-advice'], new Date()))?.nameCy).toBe('Cyngor ar Ynni a Dŵr')
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'taxonomy_term.renamed'), eq(auditLog.subjectId, terms['utility-advice'])))
    expect(entry.actorUserId).toBe(coordinator.id)

    const page = await browser.follow(response)
    expect(page.body).toContain('Issue updated')
    expect(page.body).toContain('Utility Advice')
    expect(page.body).toContain('Energy and Water Advice')

    const clash = await browser.submit(`/taxonomy/${terms.debt}/edit`, { name: 'energy and water advice', nameCy: 'Dyled', description: '' })
    expect(clash.status).toBe(400)
    expect(clash.body).toContain('There is already an issue with this name')
  })

  it('adds an issue in both languages, and a retired issue is no longer offered on the listing form but stays on listings', async () => {
    const { network, organisation, coordinator, admin } = await networkWithPeople()
    const browser = await signIn(app, coordinator)
    const added = await browser.submit('/taxonomy/new', { name: 'Cost of Living', nameCy: 'Costau Byw', description: '' })
    expect(added.status).toBe(303)
    const { db } = await testDatabase()
    const [term] = await db.select().from(taxonomyTerms).where(and(eq(taxonomyTerms.networkId, network.id), eq(taxonomyTerms.name, 'Cost of Living')))
    expect(term).toMatchObject({ code: 'cost-of-living', nameCy: 'Costau Byw', retiredAt: null })
    const missingWelsh = await browser.submit('/taxonomy/new', { name: 'Pets', nameCy: '', description: '' })
    expect(missingWelsh.status).toBe(400)
    expect(missingWelsh.body).toContain('href="#nameCy"')

    const service = await serviceFactory.transient({ issues: ['cost-of-living'] }).create({ networkId: network.id, organisationId: organisation.id })
    const asAdmin = await signIn(app, admin)
    expect((await asAdmin.get('/services/new')).body).toContain('Cost of Living')

    const retired = await browser.submit(`/taxonomy/${term.id}`, {}, `/taxonomy/${term.id}/retire`)
    expect(retired.status).toBe(303)
    expect((await browser.follow(retired)).body).toContain('Retired')
    expect((await asAdmin.get('/services/new')).body).not.toContain('Cost of Living')
    expect((await asAdmin.get(`/services/${service.id}`)).body).toContain('Cost of Living')

    const reinstated = await browser.submit(`/taxonomy/${term.id}`, {}, `/taxonomy/${term.id}/reinstate`)
    expect(reinstated.status).toBe(303)
    expect((await asAdmin.get('/services/new')).body).toContain('Cost of Living')
    const actions = (await db.select().from(auditLog).where(eq(auditLog.subjectId, term.id))).map((row) => row.action).sort()
    expect(actions).toEqual(['taxonomy_term.created', 'taxonomy_term.reinstated', 'taxonomy_term.retired'])
  })

  it('keeps another network’s terms out of reach', async () => {
    const mine = await networkWithPeople()
    const theirs = await networkWithPeople()
    const theirTerms = await termIdsByCode(theirs.network.id)
    const browser = await signIn(app, mine.coordinator)
    expect((await browser.get(`/taxonomy/${theirTerms.debt}`)).status).toBe(404)
    expect((await browser.get(`/taxonomy/${randomUUID()}/edit`)).status).toBe(404)
  })
})

describe('termName and codeFor', () => {
  it('uses the Welsh name on Welsh pages, falling back to English', () => {
    expect(termName({ name: 'Debt', nameCy: 'Dyled' }, 'cy')).toBe('Dyled')
    expect(termName({ name: 'Debt', nameCy: 'Dyled' }, 'en')).toBe('Debt')
    expect(termName({ name: 'Debt', nameCy: '' }, 'cy')).toBe('Debt')
  })

  it('makes a stable code from the English name, unique in the network', () => {
    expect(codeFor('Volunteering & Employment', [])).toBe('volunteering-and-employment')
    expect(codeFor('Debt', ['debt', 'debt-2'])).toBe('debt-3')
  })
})
