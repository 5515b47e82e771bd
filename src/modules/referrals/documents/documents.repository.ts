import { and, desc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { documents, users } from '../../../db/schema/index.js'

export type DocumentRow = typeof documents.$inferSelect
export type DocumentSummary = Omit<DocumentRow, 'content' | 'keyId'> & { uploadedByName: string | null }

export async function insertDocument(db: Executor, document: typeof documents.$inferInsert): Promise<void> {
  await db.insert(documents).values(document)
}

export async function findDocument(db: Executor, networkId: string, documentId: string): Promise<DocumentRow | null> {
  const [row] = await db.select().from(documents).where(and(eq(documents.networkId, networkId), eq(documents.id, documentId)))
  return row ?? null
}

/** The documents of some intakes, without their content. */
export async function listDocumentsOfIntakes(db: Executor, networkId: string, intakeIds: string[]): Promise<DocumentSummary[]> {
  if (intakeIds.length === 0) return []
  return db
    .select({
      id: documents.id,
      networkId: documents.networkId,
      intakeId: documents.intakeId,
      organisationId: documents.organisationId,
      filename: documents.filename,
      mediaType: documents.mediaType,
      sizeBytes: documents.sizeBytes,
      uploadedBy: documents.uploadedBy,
      uploadedByName: users.name,
      createdAt: documents.createdAt,
    })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.uploadedBy))
    .where(and(eq(documents.networkId, networkId), inArray(documents.intakeId, intakeIds)))
    .orderBy(desc(documents.createdAt))
}
