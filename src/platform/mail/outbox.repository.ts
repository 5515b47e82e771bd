import { and, asc, desc, eq, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { outbox } from '../../db/schema/index.js'

export type OutboxRow = typeof outbox.$inferSelect

/** Narrows a query to one network's messages or one recipient's; tests on a shared database use it. */
export interface OutboxScope {
  networkId?: string
  to?: string
}

function scoped(condition: SQL | undefined, scope: OutboxScope): SQL | undefined {
  return and(
    condition,
    scope.networkId ? eq(outbox.networkId, scope.networkId) : undefined,
    scope.to ? eq(outbox.toAddress, scope.to) : undefined,
  )
}

export async function insertOutboxMessage(
  db: Executor,
  message: { networkId: string | null; channel?: 'email' | 'sms'; toAddress: string; subject: string; bodyText: string; language: string; template: string },
): Promise<string> {
  const [row] = await db.insert(outbox).values(message).returning({ id: outbox.id })
  return row.id
}

/** Several messages in one statement (a referral event can tell a whole organisation). */
export async function insertOutboxMessages(
  db: Executor,
  messages: { networkId: string | null; toAddress: string; subject: string; bodyText: string; language: string; template: string }[],
): Promise<void> {
  if (messages.length === 0) return
  // One array per column, not a VALUES list of every message's parameters (see insertNotifications).
  const column = (value: (message: (typeof messages)[number]) => string | null) => sql.param(messages.map(value))
  await db.execute(sql`
    insert into outbox (network_id, to_address, subject, body_text, language, template)
    select * from unnest(${column((message) => message.networkId)}::uuid[], ${column((message) => message.toAddress)}::text[],
      ${column((message) => message.subject)}::text[], ${column((message) => message.bodyText)}::text[], ${column((message) => message.language)}::text[],
      ${column((message) => message.template)}::text[])`)
}

export async function findOutboxMessage(db: Executor, id: string): Promise<OutboxRow | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id))
  return row ?? null
}

/**
 * Takes the message for one sending attempt, in a single statement: only an unsent message that nobody
 * holds can be claimed, and the claim holds it until `leaseUntil`. On PostgreSQL the UPDATE locks the row
 * and re-checks the condition, so of two workers racing only one gets the row back.
 */
export async function claimOutboxMessage(db: Executor, id: string, now: Date, leaseUntil: Date): Promise<OutboxRow | null> {
  const [row] = await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lockedUntil: leaseUntil })
    .where(
      and(
        eq(outbox.id, id),
        eq(outbox.status, 'pending'),
        or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)),
      ),
    )
    .returning()
  return row ?? null
}

export async function markOutboxSent(
  db: Executor,
  id: string,
  sent: { transport: string; providerId: string | null; sentAt: Date },
): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: sent.sentAt, transport: sent.transport, providerId: sent.providerId, lastError: null, lockedUntil: null })
    .where(eq(outbox.id, id))
}

/**
 * Records a failed attempt. A message that will be retried stays pending and is released (`lockedUntil`
 * = now, which also dates the attempt); one whose retries ran out becomes failed and rests until `restUntil`.
 */
export async function markOutboxAttemptFailed(
  db: Executor,
  id: string,
  failure: { error: string; now: Date; restUntil: Date | null },
): Promise<void> {
  await db
    .update(outbox)
    .set({
      lastError: failure.error,
      status: failure.restUntil ? 'failed' : 'pending',
      lockedUntil: failure.restUntil ?? failure.now,
    })
    .where(and(eq(outbox.id, id), ne(outbox.status, 'sent')))
}

/** Failed messages whose rest is over go back to pending, to be given a new round of retries. */
export async function reopenRestedOutboxMessages(db: Executor, now: Date, scope: OutboxScope = {}): Promise<string[]> {
  const rows = await db
    .update(outbox)
    .set({ status: 'pending' })
    .where(scoped(and(eq(outbox.status, 'failed'), lte(outbox.lockedUntil, now)), scope))
    .returning({ id: outbox.id })
  return rows.map((row) => row.id)
}

/**
 * Pending messages that need a delivery job: never attempted yet, or attempted and then left untouched for
 * longer than any retry waits (`orphanedBefore`) — the job that owned them is gone.
 */
export async function findOutboxMessagesToDispatch(
  db: Executor,
  orphanedBefore: Date,
  limit: number,
  scope: OutboxScope = {},
): Promise<string[]> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      scoped(
        and(
          eq(outbox.status, 'pending'),
          or(and(eq(outbox.attempts, 0), isNull(outbox.lockedUntil)), lt(outbox.lockedUntil, orphanedBefore)),
        ),
        scope,
      ),
    )
    .orderBy(asc(outbox.createdAt))
    .limit(limit)
  return rows.map((row) => row.id)
}

/** Every unsent message nobody holds right now, oldest first, for direct delivery without the job queue. */
export async function findDeliverableOutboxMessages(db: Executor, now: Date, scope: OutboxScope = {}): Promise<string[]> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      scoped(and(ne(outbox.status, 'sent'), or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now))), scope),
    )
    .orderBy(asc(outbox.createdAt))
  return rows.map((row) => row.id)
}

/** Failed messages become pending at once (used when delivering directly, without waiting for their rest). */
export async function reopenFailedOutboxMessages(db: Executor, scope: OutboxScope = {}): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'pending', lockedUntil: null })
    .where(scoped(eq(outbox.status, 'failed'), scope))
}

export async function listRecentOutboxMessages(db: Executor, limit: number): Promise<OutboxRow[]> {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit)
}
