import type { Actor, WorkingContext } from './actor.js'
import { NotFoundError } from '../errors.js'
import type { Language } from '../i18n/i18n.js'

/** Who is asking, in which language, and for which request (for the audit log). */
export interface Caller {
  actor: Actor | null
  language: Language
  requestId?: string
}

/** Network data only exists for someone working in a network; for anyone else it is not found. */
export function workingContext(caller: Caller): { actor: Actor; context: WorkingContext } {
  const actor = caller.actor
  if (!actor?.context) throw new NotFoundError()
  return { actor, context: actor.context }
}
