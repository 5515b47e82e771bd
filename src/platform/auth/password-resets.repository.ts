import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { passwordResets } from '../../db/schema/index.js'

export async function insertPasswordReset(
  db: Executor,
  reset: { userId: string; tokenHash: string; expiresAt: Date },
): Promise<string> {
  const [row] = await db.insert(passwordResets).values(reset).returning({ id: passwordResets.id })
  return row.id
}

/** A reset link that can still be used: not used, not expired. */
export async function findUsablePasswordReset(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ id: passwordResets.id, userId: passwordResets.userId })
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
  return row ?? null
}

/** Uses the link; null if it was already used or has expired, so a link works exactly once. */
export async function markPasswordResetUsed(db: Executor, tokenHash: string, now: Date): Promise<{ userId: string } | null> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .returning({ userId: passwordResets.userId })
  return row ?? null
}

/** Once the password has changed, older links in other emails must not work either. */
export async function retirePasswordResetsOfUser(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
}
