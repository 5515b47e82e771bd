import { randomUUID } from 'node:crypto'
import type { Caller } from '../../../platform/access/caller.js'
import { audit } from '../../../platform/audit/audit.service.js'
import { DomainError, NotFoundError } from '../../../platform/errors.js'
import type { ServiceDependencies } from '../../../services.js'
import { intakeAccess } from '../clients/client-access.js'
import { documentKeyring, openDocument, sealDocument } from './document-crypto.js'
import { detectDocumentType, maxDocumentBytes, safeFilename } from './document-types.js'
import { findDocument, insertDocument, listDocumentsOfIntakes, type DocumentSummary } from './documents.repository.js'

export type { DocumentSummary }

/** A file as it arrived: `truncated` when it was bigger than the limit (the rest was never read). */
export interface UploadedFile {
  name: string
  content: Buffer
  truncated: boolean
}

export function createDocumentsService(deps: ServiceDependencies) {
  const { db } = deps
  const keyring = documentKeyring(deps.config)

  return {
    /** The upload page: the intake's documents, for the organisation that recorded the client. */
    async forIntake(caller: Caller, intakeId: string) {
      const access = await intakeAccess(db, caller, intakeId, deps.now(), 'holder')
      return { intake: access.intake, client: access.client, documents: await listDocumentsOfIntakes(db, access.context.networkId, [access.intake.id]) }
    },

    /**
     * Checks the type by content and the size, then stores the file encrypted. A refused file saves nothing;
     * the error names the field so the page can say why.
     */
    async upload(caller: Caller, intakeId: string, file: UploadedFile | null): Promise<string> {
      const access = await intakeAccess(db, caller, intakeId, deps.now(), 'holder')
      if (!file || file.content.length === 0) throw new DomainError('clients:errors.documentRequired', 400, 'document')
      if (file.truncated || file.content.length > maxDocumentBytes) throw new DomainError('clients:errors.documentTooLarge', 400, 'document')
      const type = await detectDocumentType(file.content)
      if (!type) throw new DomainError('clients:errors.documentType', 400, 'document')
      const id = randomUUID()
      const { keyId, sealed } = sealDocument(file.content, id, keyring)
      const networkId = access.context.networkId
      await db.transaction(async (tx) => {
        await insertDocument(tx, {
          id,
          networkId,
          intakeId: access.intake.id,
          organisationId: access.client.organisationId,
          filename: safeFilename(file.name, type.extension),
          mediaType: type.mediaType,
          sizeBytes: file.content.length,
          keyId,
          content: sealed,
          uploadedBy: access.actor.userId,
        })
        await audit(tx, {
          networkId,
          actorUserId: access.actor.userId,
          action: 'document.uploaded',
          subjectType: 'document',
          subjectId: id,
          details: { intakeId: access.intake.id, clientId: access.client.id },
          requestId: caller.requestId,
        })
      })
      return id
    },

    /** For whoever may see the client; every download is audited before a byte is sent. */
    async download(caller: Caller, documentId: string): Promise<{ filename: string; mediaType: string; content: Buffer }> {
      const networkId = caller.actor?.context?.networkId
      if (!networkId) throw new NotFoundError()
      const document = await findDocument(db, networkId, documentId)
      if (!document) throw new NotFoundError()
      const access = await intakeAccess(db, caller, document.intakeId, deps.now())
      const content = openDocument(document.content, document.id, document.keyId, keyring)
      await audit(db, {
        networkId,
        actorUserId: access.actor.userId,
        action: 'document.downloaded',
        subjectType: 'document',
        subjectId: document.id,
        details: { intakeId: document.intakeId, clientId: access.client.id },
        requestId: caller.requestId,
      })
      return { filename: document.filename, mediaType: document.mediaType, content }
    },

    /** Documents of a client's intakes, for the client and intake pages (the caller already passed clientAccess). */
    async listForIntakes(networkId: string, intakeIds: string[]): Promise<DocumentSummary[]> {
      return listDocumentsOfIntakes(db, networkId, intakeIds)
    },
  }
}

export type DocumentsService = ReturnType<typeof createDocumentsService>
