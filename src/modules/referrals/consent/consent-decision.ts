import type { ConsentRow } from './consent.repository.js'

export type ConsentRefusal = 'missing' | 'withdrawn' | 'expired' | 'not_covered'
export type ConsentDecision = { allowed: true; consentId: string } | { allowed: false; reason: ConsentRefusal }

/**
 * Whether a client's details may go to an organisation today. The newest consent decides: a withdrawal
 * stops all further sharing until a new consent is recorded, and an expired one locks the record until renewed.
 */
export function decideConsent(consents: ConsentRow[], organisationId: string, today: string): ConsentDecision {
  const current = consents[0]
  if (!current) return { allowed: false, reason: 'missing' }
  if (current.withdrawnAt) return { allowed: false, reason: 'withdrawn' }
  if (current.expiresOn < today) return { allowed: false, reason: 'expired' }
  if (current.scope === 'named' && !current.organisationIds.includes(organisationId)) return { allowed: false, reason: 'not_covered' }
  return { allowed: true, consentId: current.id }
}
