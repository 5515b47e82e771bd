import { randomUUID } from 'node:crypto'
import { Factory } from 'fishery'
import { clients, consents, intakeIssues, intakes, referrals } from '../src/db/schema/index.js'
import { termIdsByCode } from './directory-factories.js'
import { testDatabase } from './support/database.js'

type Client = typeof clients.$inferSelect
type Consent = typeof consents.$inferSelect
type Intake = typeof intakes.$inferSelect
type Referral = typeof referrals.$inferSelect

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`factory needs ${what}`)
  return value
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10)
const daysFromNow = (days: number): Date => new Date(Date.now() + days * 86_400_000)

/** A client recorded by an organisation. Needs networkId and organisationId. */
export const clientFactory = Factory.define<Client>(({ params, onCreate, sequence }) => {
  onCreate(async (client) => {
    const { db } = await testDatabase()
    const [row] = await db.insert(clients).values(client).returning()
    return row
  })
  const now = new Date()
  return {
    id: randomUUID(),
    networkId: required(params.networkId, 'networkId'),
    organisationId: required(params.organisationId, 'organisationId'),
    name: `Client ${sequence} ${randomUUID().slice(0, 4)}`,
    dateOfBirth: '1980-05-17',
    statedAge: null,
    statedAgeOn: null,
    phone: '07700 900123',
    email: null,
    address: null,
    postcode: 'E1 6AN',
    preferredContactMethod: 'phone',
    contactTimes: 'Weekday mornings',
    safeToLeaveMessage: true,
    language: 'en',
    interpreterNeeded: false,
    accessibilityNeeds: null,
    nrpf: false,
    household: null,
    dietaryCulturalNeeds: null,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
  }
})

/**
 * Consent in force for 12 months, covering the organisations the client is referred to.
 * Needs networkId, clientId, recordedBy and recordedByOrganisationId.
 */
export const consentFactory = Factory.define<Consent>(({ params, onCreate }) => {
  onCreate(async (consent) => {
    const { db } = await testDatabase()
    const [row] = await db.insert(consents).values(consent).returning()
    return row
  })
  const now = new Date()
  return {
    id: randomUUID(),
    networkId: required(params.networkId, 'networkId'),
    clientId: required(params.clientId, 'clientId'),
    method: 'verbal',
    givenAt: now,
    recordedBy: required(params.recordedBy, 'recordedBy'),
    recordedByOrganisationId: required(params.recordedByOrganisationId, 'recordedByOrganisationId'),
    scope: 'organisations_referred_to',
    purpose: 'To refer them for help with their situation',
    expiresOn: isoDate(daysFromNow(365)),
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawalNote: null,
    createdAt: now,
  }
})

/** An intake; transient `issues` are term codes. Needs networkId, organisationId and clientId. */
export const intakeFactory = Factory.define<Intake, { issues?: string[] }>(({ params, transientParams, onCreate }) => {
  onCreate(async (intake) => {
    const { db } = await testDatabase()
    const [row] = await db.insert(intakes).values(intake).returning()
    const codes = transientParams.issues ?? []
    if (codes.length > 0) {
      const terms = await termIdsByCode(row.networkId)
      await db.insert(intakeIssues).values(codes.map((code) => ({ intakeId: row.id, termId: required(terms[code], `issue ${code}`) })))
    }
    return row
  })
  return {
    id: randomUUID(),
    networkId: required(params.networkId, 'networkId'),
    organisationId: required(params.organisationId, 'organisationId'),
    clientId: required(params.clientId, 'clientId'),
    need: 'Behind on rent and council tax; needs advice this month.',
    urgency: 'standard',
    createdBy: null,
    createdAt: new Date(),
  }
})

/**
 * A referral as sent, written straight to the table (no events). Needs networkId, intakeId, clientId,
 * fromOrganisationId, serviceId and toOrganisationId.
 */
export const referralFactory = Factory.define<Referral>(({ params, onCreate }) => {
  onCreate(async (referral) => {
    const { db } = await testDatabase()
    const [row] = await db.insert(referrals).values(referral).returning()
    return row
  })
  const now = new Date()
  return {
    id: randomUUID(),
    networkId: required(params.networkId, 'networkId'),
    reference: `R-${randomUUID().slice(0, 8).toUpperCase()}`,
    intakeId: required(params.intakeId, 'intakeId'),
    clientId: required(params.clientId, 'clientId'),
    fromOrganisationId: required(params.fromOrganisationId, 'fromOrganisationId'),
    fromUserId: null,
    serviceId: required(params.serviceId, 'serviceId'),
    toOrganisationId: required(params.toOrganisationId, 'toOrganisationId'),
    status: 'sent',
    urgency: 'standard',
    // The database copies the intake's issues when the row is inserted.
    issueIds: [],
    contactSlaDays: 8,
    contactDueOn: isoDate(daysFromNow(12)),
    justification: null,
    eligibility: [],
    previousReferralId: null,
    idempotencyKey: randomUUID(),
    sentAt: now,
    receivedAt: null,
    acceptedAt: null,
    contactedAt: null,
    closedAt: null,
    outcome: null,
    declineReason: null,
    closingNote: null,
    updatedAt: now,
  }
})
