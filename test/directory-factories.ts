import { randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { Factory } from 'fishery'
import { serviceTaxonomy, services, taxonomyTerms } from '../src/db/schema/index.js'
import { testDatabase } from './support/database.js'

type Service = typeof services.$inferSelect

/** The network's term ids by code, e.g. { debt: '…', housing: '…' } (every factory network has the 19 starter issues). */
export async function termIdsByCode(networkId: string): Promise<Record<string, string>> {
  const { db } = await testDatabase()
  const rows = await db.select({ id: taxonomyTerms.id, code: taxonomyTerms.code }).from(taxonomyTerms).where(eq(taxonomyTerms.networkId, networkId))
  return Object.fromEntries(rows.map((row) => [row.code, row.id]))
}

/**
 * A listed service. Needs networkId and organisationId; transient `issues` are term codes to tag it with,
 * e.g. serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId }).
 */
export const serviceFactory = Factory.define<Service, { issues?: string[] }>(({ params, transientParams, onCreate }) => {
  onCreate(async (service) => {
    const { db } = await testDatabase()
    const { searchVector: _generated, ...values } = service
    const [row] = await db.insert(services).values(values).returning()
    const codes = transientParams.issues ?? []
    if (codes.length > 0) {
      const terms = await db
        .select({ id: taxonomyTerms.id })
        .from(taxonomyTerms)
        .where(and(eq(taxonomyTerms.networkId, row.networkId), inArray(taxonomyTerms.code, codes)))
      if (terms.length !== codes.length) throw new Error(`unknown issue code in ${codes.join(', ')}`)
      await db.insert(serviceTaxonomy).values(terms.map((term) => ({ serviceId: row.id, termId: term.id, networkId: row.networkId })))
    }
    return row
  })
  if (!params.networkId || !params.organisationId) throw new Error('serviceFactory needs networkId and organisationId')
  const now = new Date()
  return {
    id: randomUUID(),
    networkId: params.networkId,
    organisationId: params.organisationId,
    name: `Advice Service ${randomUUID().slice(0, 6)}`,
    description: 'Free, confidential advice by phone and in person.',
    url: null,
    email: null,
    status: 'active',
    fees: null,
    accreditations: null,
    minimumAge: null,
    maximumAge: null,
    assuredDate: null,
    assurerEmail: null,
    alert: null,
    referralCriteria: '',
    acceptsNrpf: null,
    householdTypes: [],
    areaDistricts: [],
    areaRadiusKm: null,
    areaCentreLatitude: null,
    areaCentreLongitude: null,
    areaCentrePostcode: null,
    howServiceContactsClients: 'We phone the client within the contact time.',
    contactSlaDays: null,
    deliveryChannels: ['phone', 'in_person'],
    languages: ['en'],
    interpreting: null,
    capacityStatus: 'active',
    pausedReason: null,
    expectedReopening: null,
    waitingList: false,
    capacityChangedAt: null,
    lastReviewedAt: now,
    reviewReminderSentAt: null,
    verifiedAt: null,
    verifiedBy: null,
    createdAt: now,
    updatedAt: now,
    searchVector: '',
  }
})
