import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog } from '../../db/schema/index.js'
import { networkFactory } from '../../../test/factories.js'
import { testDatabase } from '../../../test/support/database.js'
import { audit } from './audit.service.js'

describe('audit log', () => {
  it('keeps what was written and refuses to change or delete it', async () => {
    const { db } = await testDatabase()
    const network = await networkFactory.create()
    await audit(db, { networkId: network.id, action: 'test.recorded', subjectType: 'network', subjectId: network.id })
    const [row] = await db.select().from(auditLog).where(eq(auditLog.networkId, network.id))
    expect(row.action).toBe('test.recorded')

    await expect(db.update(auditLog).set({ action: 'test.changed' }).where(eq(auditLog.id, row.id))).rejects.toThrow()
    await expect(db.delete(auditLog).where(eq(auditLog.id, row.id))).rejects.toThrow()
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow()

    const [after] = await db.select().from(auditLog).where(eq(auditLog.id, row.id))
    expect(after.action).toBe('test.recorded')
  })
})
