import { v5 as uuidv5 } from 'uuid'

/** Our namespace for name-based uuids. */
const namespace = '6f1c2a4e-8b0d-4c7e-9a35-b2d1e0f4c6a8'

/**
 * A stable, name-based (version 5) uuid: the same parts always give the same id. For rows that must keep their id
 * across runs (the demo's seed, ORUK objects we keep without an id of their own, ids remapped on import).
 */
export function nameBasedId(...parts: string[]): string {
  return uuidv5(parts.join('\u0000'), namespace)
}
