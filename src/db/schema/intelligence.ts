import { sql } from 'drizzle-orm'
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { networkIdColumn } from './columns.js'
import { organisationTypes } from './enums.js'
import { networks } from './networks.js'
import { capacityStatus } from './directory.js'
import { referralStatus } from './referrals.js'

/**
 * The intelligence hub's roll-up (decision 0012): one row of facts per referral, derived once by a pg-boss job
 * so the dashboards never join clients, intakes and organisations over millions of rows. No personal data: the
 * client's postcode becomes its district and their date of birth an age band; client_id is kept only to count
 * distinct clients (repeat crisis) and never leaves the repository.
 */
export const hubReferralFacts = pgTable(
  'hub_referral_facts',
  {
    referralId: uuid('referral_id').primaryKey(),
    networkId: networkIdColumn(),
    clientId: uuid('client_id').notNull(),
    /** The UK calendar day it was sent: the date every period and range filter uses. */
    sentOn: date('sent_on').notNull(),
    fromOrganisationId: uuid('from_organisation_id').notNull(),
    /** Who sent it, for "people active in the period". */
    fromUserId: uuid('from_user_id'),
    toOrganisationId: uuid('to_organisation_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    fromOrganisationType: organisationTypes('from_organisation_type').notNull(),
    toOrganisationType: organisationTypes('to_organisation_type').notNull(),
    fromStatutory: boolean('from_statutory').notNull(),
    toStatutory: boolean('to_statutory').notNull(),
    /** Outward code of the client's postcode when the fact was first derived (soon after sending); null: unknown. */
    district: text('district'),
    /** 'under-18', '18-24', '25-34', '35-49', '50-64', '65-plus' or 'unknown'. */
    ageBand: text('age_band').notNull(),
    /** Taxonomy terms of the intake. */
    issueIds: uuid('issue_ids').array().notNull().default(sql`'{}'`),
    /** One of the intake's issues is crisis support (taxonomy_terms.crisis). */
    crisis: boolean('crisis').notNull(),
    /** A crisis referral for a client who had another crisis referral in the 6 months before it. */
    repeatCrisis: boolean('repeat_crisis').notNull(),
    status: referralStatus('status').notNull(),
    declineReason: text('decline_reason'),
    outcome: text('outcome'),
    contactDueOn: date('contact_due_on').notNull(),
    /** UK calendar day of first contact. */
    contactedOn: date('contacted_on'),
    /** Working days (the network's nation) from sending to first contact. */
    contactWorkingDays: integer('contact_working_days'),
    /** Was the referral accepted at some point (accepted_at set)? */
    accepted: boolean('accepted').notNull(),
    /** referrals.updated_at when this fact was derived: a fact whose referral has another is derived again. */
    sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('hub_referral_facts_network_sent_idx').on(t.networkId, t.sentOn),
    // The area filter, and the filter's list of districts read by skipping from one district to the next.
    index('hub_referral_facts_district_idx').on(t.networkId, t.district, t.sentOn),
    index('hub_referral_facts_to_idx').on(t.toOrganisationId, t.sentOn),
    index('hub_referral_facts_from_idx').on(t.fromOrganisationId, t.sentOn),
    index('hub_referral_facts_client_idx').on(t.clientId, t.sentOn).where(sql`crisis`),
  ],
)

/** Per network: when the roll-up last ran ("data as of"). */
export const hubRefreshState = pgTable('hub_refresh_state', {
  networkId: uuid('network_id')
    .primaryKey()
    .references(() => networks.id),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  /** The latest referrals.updated_at taken in: the next run looks a day back from here (decision 0012). */
  watermark: timestamp('watermark', { withTimezone: true }),
})

/**
 * A page's measures as computed from the facts of one roll-up (language-neutral counts and ids), shared by every
 * app process until the next roll-up replaces the facts. The job computes the network's default views ahead.
 */
export const hubSnapshots = pgTable(
  'hub_snapshots',
  {
    networkId: networkIdColumn(),
    /** Scope, organisation, filters and today's date. */
    key: text('key').notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
    snapshot: jsonb('snapshot').notNull(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.key] })],
)

/**
 * A stretch of time a service was paused or closed to new referrals: opened by the listings' capacity change,
 * ended by the next one. For "paused services and how long they stayed paused".
 */
export const serviceCapacityPeriods = pgTable(
  'service_capacity_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    serviceId: uuid('service_id').notNull(),
    status: capacityStatus('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('service_capacity_periods_network_idx').on(t.networkId, t.startedAt),
    index('service_capacity_periods_service_idx').on(t.serviceId).where(sql`ended_at is null`),
  ],
)
