import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.js'
import { networkIdColumn } from './columns.js'
import { organisations } from './networks.js'
import { clients, consentMethod, contactMethod, intakes } from './referrals.js'

/**
 * The residents' front door: requests for help made online (self-referral) or by phone through a staff
 * member, and the drafts of online requests still being filled in. Name, contact details, postcode and
 * need are personal data: only the network's front-door organisations' staff see them.
 */

const organisationColumn = (name: string) => uuid(name).references(() => organisations.id)
const userColumn = (name: string) => uuid(name).references(() => users.id)

export const frontDoorChannel = pgEnum('front_door_channel', ['online', 'phone'])
export const frontDoorStatus = pgEnum('front_door_status', ['new', 'claimed', 'converted', 'closed'])

export const frontDoorRequests = pgTable(
  'front_door_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    /** Short and human, e.g. 'H-7K3M9Q'; unique in the network. */
    reference: text('reference').notNull(),
    channel: frontDoorChannel('channel').notNull(),
    status: frontDoorStatus('status').notNull().default('new'),
    /** ISO 639-1: the language to contact them in. */
    language: text('language').notNull(),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    issueTermIds: uuid('issue_term_ids').array().notNull().default([]),
    /** In their words; may be short. */
    need: text('need').notNull(),
    name: text('name').notNull(),
    postcode: text('postcode'),
    phone: text('phone'),
    email: text('email'),
    contactMethod: contactMethod('contact_method'),
    contactTimes: text('contact_times'),
    /** null: not said. */
    safeToLeaveMessage: boolean('safe_to_leave_message'),
    /** Anything that makes contact hard: hearing, no credit, a shared phone… */
    contactDifficulties: text('contact_difficulties'),
    consentMethod: consentMethod('consent_method').notNull(),
    consentGivenAt: timestamp('consent_given_at', { withTimezone: true }).notNull(),
    consentWordingVersion: text('consent_wording_version').notNull(),
    /** Phone-assisted: the staff member who filled it in, and their organisation. */
    recordedByUserId: userColumn('recorded_by_user_id'),
    recordedByOrganisationId: organisationColumn('recorded_by_organisation_id'),
    claimedByUserId: userColumn('claimed_by_user_id'),
    claimedByOrganisationId: organisationColumn('claimed_by_organisation_id'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** 'resolved_on_call', 'duplicate' or 'could_not_contact'. */
    closeReason: text('close_reason'),
    closeNote: text('close_note'),
    /** Set when the request is turned into an intake ('converted'). */
    clientId: uuid('client_id').references(() => clients.id),
    intakeId: uuid('intake_id').references(() => intakes.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('front_door_requests_queue_idx').on(t.networkId, t.status, t.createdAt),
    uniqueIndex('front_door_requests_reference_idx').on(t.networkId, t.reference),
  ],
)

/**
 * An online request being filled in, one question per page with no account and no JavaScript. The browser holds
 * a random token in an HttpOnly cookie; only its SHA-256 is stored. Expires 24 h after the last answer; deleted on
 * submit (see decision 0015).
 */
export const frontDoorDrafts = pgTable(
  'front_door_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: networkIdColumn(),
    tokenHash: text('token_hash').notNull(),
    language: text('language').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('front_door_drafts_token_idx').on(t.tokenHash),
    index('front_door_drafts_expiry_idx').on(t.expiresAt),
  ],
)
