import { auditLog } from '../../db/schema/index.js'
import type { Executor } from '../../db/client.js'
import { preparedQuery, runValue } from '../../db/prepared.js'

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

/** Built once: every view of personal data writes one, so it is among the commonest statements (decision 0023). */
const insertEntry = preparedQuery('audit_entry', (db) =>
  db.insert(auditLog).values({
    networkId: runValue('networkId'),
    actorUserId: runValue('actorUserId'),
    action: runValue('action'),
    subjectType: runValue('subjectType'),
    subjectId: runValue('subjectId'),
    details: runValue('details'),
    requestId: runValue('requestId'),
  }),
)

export async function insertAuditEntry(db: Executor, entry: AuditEntry): Promise<void> {
  await insertEntry(db, {
    networkId: entry.networkId ?? null,
    actorUserId: entry.actorUserId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    // As drizzle's jsonb column would write it; a placeholder's value goes to the driver as it is.
    details: JSON.stringify(entry.details ?? {}),
    requestId: entry.requestId ?? null,
  })
}
