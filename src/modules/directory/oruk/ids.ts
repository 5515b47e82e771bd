import { createHash } from 'node:crypto'

/** Our own namespace for name-based (version 5) uuids. */
const namespace = Buffer.from('6f1c2a4e8b0d4c7e9a35b2d1e0f4c6a8', 'hex')

/**
 * A stable uuid for things ORUK gives an id but we keep without one (a service's issue link, its languages,
 * an organisation's charity number): the same inputs always give the same id, so consumers can track them.
 */
export function derivedId(...parts: string[]): string {
  const hash = createHash('sha1').update(namespace).update(parts.join('\u0000')).digest()
  const bytes = hash.subarray(0, 16)
  bytes[6] = (bytes[6] & 0x0f) | 0x50
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
