import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.js'
import { nations, organisationRoles, organisationTypes, networkRoleNames } from './enums.js'

export const networks = pgTable('networks', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  nation: nations('nation').notNull(),
  contactSlaDays: integer('contact_sla_days').notNull().default(8),
  urgentContactSlaDays: integer('urgent_contact_sla_days').notNull().default(2),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    name: text('name').notNull(),
    type: organisationTypes('type').notNull(),
    charityNumber: text('charity_number'),
    companyNumber: text('company_number'),
    statutory: boolean('statutory').notNull().default(false),
    /** ORUK organization fields shown in the public directory. */
    description: text('description').notNull().default(''),
    email: text('email'),
    website: text('website'),
    /** One of the network's front-door organisations: its staff triage residents' requests for help. */
    frontDoor: boolean('front_door').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organisations_network_idx').on(t.networkId),
    uniqueIndex('organisations_network_name_idx').on(t.networkId, sql`lower(${t.name})`),
  ],
)

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: organisationRoles('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_organisation_user_idx').on(t.organisationId, t.userId),
    index('memberships_user_idx').on(t.userId),
    index('memberships_network_idx').on(t.networkId),
  ],
)

export const networkRoles = pgTable(
  'network_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: networkRoleNames('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('network_roles_network_user_role_idx').on(t.networkId, t.userId, t.role)],
)
