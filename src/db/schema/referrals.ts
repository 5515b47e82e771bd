import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts.js'
import { householdType, services, taxonomyTerms } from './directory.js'
import { networkIdColumn } from './columns.js'
import { organisations } from './networks.js'

/**
 * Clients, their consent, intakes (the story told once) and the referrals made from them.
 * Personal data lives in `clients` (and encrypted in `documents`); referrals carry ids and statuses only,
 * so the coordinator's and the hub's queries never need to touch a client row.
 */

const organisationColumn = (name: string) => uuid(name).references(() => organisations.id)
const userColumn = (name: string) => uuid(name).references(() => users.id)
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' })

export const contactMethod = pgEnum('contact_method', ['phone', 'text', 'email', 'letter', 'in_person'])
export const consentMethod = pgEnum('consent_method', ['verbal', 'written', 'online'])
/** 'organisations_referred_to': whichever organisations this client is referred to; 'named': only those listed. */
export const consentScope = pgEnum('consent_scope', ['organisations_referred_to', 'named'])
export const urgency = pgEnum('urgency', ['standard', 'urgent'])
/** After the HL7 Gravity referral Task states (see DESIGN.md). */
export const referralStatus = pgEnum('referral_status', [
  'sent',
  'received',
  'accepted',
  'in_progress',
  'completed',
  'unable_to_contact',
  'declined',
  'withdrawn',
])
export const notificationFrequency = pgEnum('notification_frequency', ['immediately', 'daily', 'off'])

/** A person the network helps, as recorded by one organisation (the holder). */
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    organisationId: organisationColumn('organisation_id').notNull(),
    name: text('name').notNull(),
    dateOfBirth: date('date_of_birth'),
    /** When the date of birth isn't known: the age they gave, on the day they gave it. */
    statedAge: integer('stated_age'),
    statedAgeOn: date('stated_age_on'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    postcode: text('postcode'),
    preferredContactMethod: contactMethod('preferred_contact_method'),
    contactTimes: text('contact_times'),
    /** null: not asked. */
    safeToLeaveMessage: boolean('safe_to_leave_message'),
    /** ISO 639-1 code, e.g. 'bn'. */
    language: text('language'),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    accessibilityNeeds: text('accessibility_needs'),
    /** No recourse to public funds; null: not known. */
    nrpf: boolean('nrpf'),
    household: householdType('household'),
    dietaryCulturalNeeds: text('dietary_cultural_needs'),
    createdBy: userColumn('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('clients_network_idx').on(t.networkId, t.organisationId),
    // Possible duplicates: same name and date of birth within the organisation.
    index('clients_duplicate_idx').on(t.organisationId, sql`lower(${t.name})`, t.dateOfBirth),
  ],
)

/** Consent to share a client's details. Renewal adds a row; the newest row not withdrawn is the one in force. */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    method: consentMethod('method').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    recordedBy: userColumn('recorded_by').notNull(),
    recordedByOrganisationId: organisationColumn('recorded_by_organisation_id').notNull(),
    scope: consentScope('scope').notNull().default('organisations_referred_to'),
    purpose: text('purpose').notNull(),
    expiresOn: date('expires_on').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: userColumn('withdrawn_by'),
    withdrawalNote: text('withdrawal_note'),
    createdAt: createdAt(),
  },
  (t) => [index('consents_client_idx').on(t.clientId, t.createdAt)],
)

/** With scope 'named': the organisations the consent covers. */
export const consentOrganisations = pgTable(
  'consent_organisations',
  {
    consentId: uuid('consent_id')
      .notNull()
      .references(() => consents.id),
    organisationId: organisationColumn('organisation_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.consentId, t.organisationId] })],
)

/** What the client needs, told once; any number of referrals carry it. */
export const intakes = pgTable(
  'intakes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    organisationId: organisationColumn('organisation_id').notNull(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    need: text('need').notNull(),
    urgency: urgency('urgency').notNull().default('standard'),
    createdBy: userColumn('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('intakes_client_idx').on(t.clientId), index('intakes_network_idx').on(t.networkId, t.organisationId, t.createdAt)],
)

export const intakeIssues = pgTable(
  'intake_issues',
  {
    intakeId: uuid('intake_id')
      .notNull()
      .references(() => intakes.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => taxonomyTerms.id),
  },
  (t) => [primaryKey({ columns: [t.intakeId, t.termId] })],
)

/** A file attached to an intake. `content` is AES-256-GCM ciphertext (see referrals/documents). */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    intakeId: uuid('intake_id')
      .notNull()
      .references(() => intakes.id),
    organisationId: organisationColumn('organisation_id').notNull(),
    filename: text('filename').notNull(),
    /** Detected from the content, not the name. */
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    keyId: text('key_id').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: userColumn('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('documents_intake_idx').on(t.intakeId)],
)

/** One intake sent to one service. Holds no personal data: that stays with the client. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    /** Short human reference, e.g. 'R-7K3M9Q', for phone calls between organisations. */
    reference: text('reference').notNull(),
    intakeId: uuid('intake_id')
      .notNull()
      .references(() => intakes.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    fromOrganisationId: organisationColumn('from_organisation_id').notNull(),
    fromUserId: userColumn('from_user_id'),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    toOrganisationId: organisationColumn('to_organisation_id').notNull(),
    status: referralStatus('status').notNull().default('sent'),
    urgency: urgency('urgency').notNull().default('standard'),
    /**
     * The intake's issues (taxonomy term ids), copied by a trigger when the referral is made: an intake's issues
     * never change, and the work lists filter by issue from the index alone (decision 0023).
     */
    issueIds: uuid('issue_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Working days the receiver has to contact the client, and the date that gives. */
    contactSlaDays: integer('contact_sla_days').notNull(),
    contactDueOn: date('contact_due_on').notNull(),
    /** Why the referrer sent it although the client does not meet the service's criteria. */
    justification: text('justification'),
    /** The eligibility reasons at the moment of sending, as shown to the referrer. */
    eligibility: jsonb('eligibility').notNull().default([]),
    /** Re-routing: the declined referral this one continues. */
    previousReferralId: uuid('previous_referral_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    contactedAt: timestamp('contacted_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Codes from the lists in referrals/lifecycle; notes are free text. */
    outcome: text('outcome'),
    declineReason: text('decline_reason'),
    closingNote: text('closing_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('referrals_reference_idx').on(t.networkId, t.reference),
    // Sending twice with the same form makes one referral per service.
    uniqueIndex('referrals_idempotency_idx').on(t.networkId, t.idempotencyKey, t.serviceId),
    // network_id last in the work lists' indexes: every list is scoped by network too, and with it in the index a
    // count reads the index alone (decision 0014).
    index('referrals_incoming_idx').on(t.toOrganisationId, t.status, t.contactDueOn, t.networkId),
    index('referrals_outgoing_status_idx').on(t.fromOrganisationId, t.status, t.contactDueOn, t.networkId),
    // With service_id, the outgoing list's service choices (referred to lately) are read from the index alone.
    index('referrals_outgoing_idx').on(t.fromOrganisationId, t.sentAt, t.serviceId),
    index('referrals_network_idx').on(t.networkId, t.sentAt),
    index('referrals_client_idx').on(t.clientId),
    index('referrals_intake_idx').on(t.intakeId),
    index('referrals_previous_idx').on(t.previousReferralId),
    // Work lists (referrals/worklists): open referrals are few beside 18 months of closed ones, so the lists'
    // open tabs read these partial indexes in due-date order; the others serve the closed tab, the sent-date
    // sort, the outgoing list's service filter and the overdue summary.
    // With issue_ids, an open tab filtered by issue is counted from the index alone, and its rows are found without
    // looking up intake_issues for each open referral (decision 0023).
    index('referrals_incoming_open_idx')
      .on(t.toOrganisationId, t.contactDueOn, t.status, t.networkId, t.issueIds)
      .where(sql.raw(`status in ('sent', 'received', 'accepted', 'in_progress')`)),
    index('referrals_outgoing_open_idx')
      .on(t.fromOrganisationId, t.contactDueOn, t.status, t.networkId, t.issueIds)
      .where(sql.raw(`status in ('sent', 'received', 'accepted', 'in_progress')`)),
    index('referrals_incoming_due_idx').on(t.toOrganisationId, t.contactDueOn),
    index('referrals_outgoing_due_idx').on(t.fromOrganisationId, t.contactDueOn),
    index('referrals_incoming_sent_idx').on(t.toOrganisationId, t.sentAt),
    index('referrals_outgoing_service_idx').on(t.fromOrganisationId, t.serviceId),
    // The incoming list filtered by service: a busy organisation's closed tab for one service reads the index in
    // due-date order and counts from it alone, instead of scanning the network's referrals (decision 0023).
    index('referrals_incoming_service_idx').on(t.toOrganisationId, t.serviceId, t.contactDueOn, t.status, t.networkId),
    // The intelligence hub's roll-up reads the referrals changed since its last run (decision 0012).
    index('referrals_updated_idx').on(t.networkId, t.updatedAt),
    index('referrals_overdue_idx').on(t.networkId, t.contactDueOn).where(sql.raw(`status in ('sent', 'received', 'accepted')`)),
  ],
)

/** Append-only history of a referral (a trigger refuses UPDATE and DELETE). */
export const referralEvents = pgTable(
  'referral_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    networkId: networkIdColumn(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    /** 'sent', 'received', 'accepted', 'contacted', 'completed', 'unable_to_contact', 'declined', 'withdrawn', 'rerouted', 'message'. */
    type: text('type').notNull(),
    fromStatus: referralStatus('from_status'),
    toStatus: referralStatus('to_status'),
    actorUserId: userColumn('actor_user_id'),
    actorOrganisationId: organisationColumn('actor_organisation_id'),
    note: text('note'),
    data: jsonb('data').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('referral_events_referral_idx').on(t.referralId, t.createdAt)],
)

/** The conversation between the two organisations about one referral. */
export const referralMessages = pgTable(
  'referral_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    authorUserId: userColumn('author_user_id'),
    authorOrganisationId: organisationColumn('author_organisation_id').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('referral_messages_referral_idx').on(t.referralId, t.createdAt)],
)

/** In-app notifications; email follows each user's preference (immediately, daily digest, off). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    userId: userColumn('user_id').notNull(),
    organisationId: organisationColumn('organisation_id'),
    referralId: uuid('referral_id').references(() => referrals.id),
    /** The referral event type or another code; the text is rendered in the reader's language. */
    kind: text('kind').notNull(),
    params: jsonb('params').notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** Set when this notification went out by email (immediately or in a digest). */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_digest_idx').on(t.userId, t.emailedAt),
  ],
)

export const notificationPreferences = pgTable('notification_preferences', {
  userId: userColumn('user_id').primaryKey(),
  email: notificationFrequency('email').notNull().default('immediately'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
