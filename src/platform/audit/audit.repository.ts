import { auditLog } from '../../db/schema/index.js'
import type { Executor } from '../../db/client.js'

export interface AuditEntry {
  networkId?: string | null
  actorUserId?: string | null
  action: string
  subjectType?: string
  subjectId?: string
  /** Ids and codes only: never names, emails or anything else personal. */
  details?: Record<string, unknown>
  requestId?: string
}

export async function insertAuditEntry(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    networkId: entry.networkId ?? null,
    actorUserId: entry.actorUserId ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    details: entry.details ?? {},
    requestId: entry.requestId,
  })
}
