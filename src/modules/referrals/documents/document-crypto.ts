import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Config } from '../../../config.js'

/** The keys documents are sealed with: the current one for new uploads, every one by id for reading. */
export interface DocumentKeyring {
  currentId: string
  keys: Map<string, Buffer>
}

/** From DOCUMENT_KEYS (first is current); ENCRYPTION_KEY always reads as 'main', so documents outlive a rotation. */
export function documentKeyring(config: Pick<Config, 'DOCUMENT_KEYS' | 'ENCRYPTION_KEY'>): DocumentKeyring {
  const keys = new Map<string, Buffer>()
  const listed = (config.DOCUMENT_KEYS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  for (const entry of listed) {
    const [id, key] = entry.split(':')
    keys.set(id, Buffer.from(key, 'base64'))
  }
  if (!keys.has('main')) keys.set('main', Buffer.from(config.ENCRYPTION_KEY, 'base64'))
  return { currentId: listed[0]?.split(':')[0] ?? 'main', keys }
}

const ivBytes = 12
const tagBytes = 16

/** AES-256-GCM: stored as iv ‖ tag ‖ ciphertext, with the key's id beside it. The document id is bound in as AAD. */
export function sealDocument(content: Buffer, documentId: string, keyring: DocumentKeyring): { keyId: string; sealed: Buffer } {
  const key = keyring.keys.get(keyring.currentId)
  if (!key) throw new Error('current document key missing')
  const iv = randomBytes(ivBytes)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(documentId))
  const ciphertext = Buffer.concat([cipher.update(content), cipher.final()])
  return { keyId: keyring.currentId, sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]) }
}

/** Throws if the key is unknown or the bytes were changed (GCM's tag). */
export function openDocument(sealed: Buffer, documentId: string, keyId: string, keyring: DocumentKeyring): Buffer {
  const key = keyring.keys.get(keyId)
  if (!key) throw new Error(`document key ${keyId} is not configured`)
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, ivBytes))
  decipher.setAAD(Buffer.from(documentId))
  decipher.setAuthTag(sealed.subarray(ivBytes, ivBytes + tagBytes))
  return Buffer.concat([decipher.update(sealed.subarray(ivBytes + tagBytes)), decipher.final()])
}
