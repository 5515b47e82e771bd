import type { Executor } from '../../db/client.js'
import { insertAuditEntry, type AuditEntry } from './audit.repository.js'

export type { AuditEntry }

/** Write inside the transaction of the change it records, so the log and the change agree. */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(db, entry)
}
