import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { networks } from './networks.js'
import { users } from './accounts.js'

/** Append-only (a trigger refuses UPDATE and DELETE). Never holds personal data itself, only ids. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    networkId: uuid('network_id').references(() => networks.id),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    details: jsonb('details').notNull().default({}),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_network_idx').on(t.networkId, t.createdAt),
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
  ],
)

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed'])
/** 'sms': a text message to a mobile number in `to_address`, sent only through GOV.UK Notify (where configured). */
export const outboxChannel = pgEnum('outbox_channel', ['email', 'sms'])

/** Messages waiting to be sent; written in the same transaction as the change that causes them. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').references(() => networks.id),
    channel: outboxChannel('channel').notNull().default('email'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    language: text('language').notNull().default('en'),
    template: text('template').notNull(),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    transport: text('transport'),
    providerId: text('provider_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /**
     * No worker may attempt the message before this time: set while one worker is sending it (a lease, so
     * two workers never send it twice) and after its retries ran out (a rest before the dispatcher tries again).
     */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [index('outbox_status_idx').on(t.status, t.createdAt)],
)
