import type { Executor } from '../../db/client.js'
import type { NetworkRole, OrganisationRole } from '../access/actor.js'
import { audit } from '../audit/audit.service.js'
import type { Language } from '../i18n/i18n.js'
import { queueMail } from '../mail/mail.js'
import { insertInvitation } from './invitations.repository.js'
import { newToken } from './tokens.js'

export const invitationLifetimeDays = 7

export interface InvitationRequest {
  networkId: string
  networkName: string
  /** Null for a network role such as coordinator. */
  organisationId: string | null
  organisationName: string
  email: string
  name: string
  role: OrganisationRole | null
  networkRole: NetworkRole | null
  invitedBy: { userId: string; name: string }
  language: Language
  baseUrl: string
  now: Date
}

/**
 * Records the invitation and queues its email in the caller's transaction.
 * The link carries the only copy of the token; the database keeps its hash.
 */
export async function issueInvitation(db: Executor, request: InvitationRequest): Promise<string> {
  const { token, tokenHash } = newToken()
  const expiresAt = new Date(request.now.getTime() + invitationLifetimeDays * 24 * 3600_000)
  const id = await insertInvitation(db, {
    networkId: request.networkId,
    organisationId: request.organisationId,
    email: request.email,
    name: request.name,
    role: request.role,
    networkRole: request.networkRole,
    tokenHash,
    invitedBy: request.invitedBy.userId,
    expiresAt,
  })
  await queueMail(db, {
    networkId: request.networkId,
    to: request.email,
    template: 'invitation',
    language: request.language,
    data: {
      name: request.name,
      inviterName: request.invitedBy.name,
      organisationName: request.organisationName,
      networkName: request.networkName,
      link: `${request.baseUrl}/invitations/${token}`,
      expires: expiresAt.toLocaleDateString(request.language === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }),
    },
  })
  await audit(db, {
    networkId: request.networkId,
    actorUserId: request.invitedBy.userId,
    action: 'invitation.issued',
    subjectType: 'invitation',
    subjectId: id,
    details: { organisationId: request.organisationId, role: request.role, networkRole: request.networkRole },
  })
  return id
}
