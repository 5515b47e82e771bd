import type { ServiceDependencies } from '../../services.js'
import type { ContextChoice, NetworkRole, OrganisationRole } from '../access/actor.js'
import { audit } from '../audit/audit.service.js'
import type { Language } from '../i18n/i18n.js'
import { findUserByEmail, insertUser, markSignedIn } from './auth.repository.js'
import {
  findUsableInvitation,
  insertMembershipIfAbsent,
  insertNetworkRoleIfAbsent,
  markInvitationAccepted,
} from './invitations.repository.js'
import { hashPassword } from './passwords.js'
import type { SignInService } from './sign-in.service.js'
import { hashToken } from './tokens.js'

/** What the invitation page shows. */
export interface InvitationView {
  email: string
  name: string
  networkName: string
  organisationName: string | null
  inviterName: string | null
  role: OrganisationRole | null
  networkRole: NetworkRole | null
  /** Someone with this email already has an account: they confirm with their password instead of choosing one. */
  hasAccount: boolean
}

export type AcceptanceOutcome =
  | { outcome: 'unusable' }
  | { outcome: 'refused' }
  | { outcome: 'locked' }
  | { outcome: 'accepted'; userId: string; secondFactorNeeded: boolean; context: ContextChoice }

export interface InvitationAcceptanceService {
  findInvitation(token: string): Promise<InvitationView | null>
  acceptInvitation(token: string, answers: { name?: string; password: string; language: Language }): Promise<AcceptanceOutcome>
}

export function createInvitationAcceptanceService(deps: ServiceDependencies, signIn: SignInService): InvitationAcceptanceService {
  const { db } = deps
  return {
    async findInvitation(token) {
      const found = await findUsableInvitation(db, hashToken(token), deps.now())
      if (!found) return null
      const { invitation } = found
      return {
        email: invitation.email,
        name: invitation.name,
        networkName: found.networkName,
        organisationName: found.organisationName,
        inviterName: found.inviterName,
        role: invitation.role,
        networkRole: invitation.networkRole,
        hasAccount: (await findUserByEmail(db, invitation.email)) !== null,
      }
    },

    async acceptInvitation(token, answers) {
      const found = await findUsableInvitation(db, hashToken(token), deps.now())
      if (!found) return { outcome: 'unusable' }
      const { invitation } = found
      const existing = await findUserByEmail(db, invitation.email)
      let newPasswordHash: string | undefined
      if (existing) {
        const checked = await signIn.checkPasswordOf(existing, answers.password)
        if (checked !== 'ok') return { outcome: checked }
      } else {
        newPasswordHash = await hashPassword(answers.password)
      }
      const now = deps.now()
      return db.transaction(async (tx): Promise<AcceptanceOutcome> => {
        if (!(await markInvitationAccepted(tx, invitation.id, now))) return { outcome: 'unusable' }
        const userId =
          existing?.id ??
          (await insertUser(tx, {
            email: invitation.email,
            name: answers.name?.trim() || invitation.name,
            passwordHash: newPasswordHash ?? '',
            language: answers.language,
          }))
        const networkId = invitation.networkId
        if (!existing) await audit(tx, { networkId, actorUserId: userId, action: 'user.created', subjectType: 'user', subjectId: userId })
        let granted = false
        if (invitation.organisationId && invitation.role) {
          granted = await insertMembershipIfAbsent(tx, { networkId, organisationId: invitation.organisationId, userId, role: invitation.role })
        } else if (invitation.networkRole) {
          granted = await insertNetworkRoleIfAbsent(tx, { networkId, userId, role: invitation.networkRole })
        }
        await audit(tx, { networkId, actorUserId: userId, action: 'invitation.accepted', subjectType: 'invitation', subjectId: invitation.id })
        if (granted) {
          await audit(tx, {
            networkId,
            actorUserId: userId,
            action: 'role.granted',
            subjectType: 'user',
            subjectId: userId,
            details: { organisationId: invitation.organisationId, role: invitation.role, networkRole: invitation.networkRole, invitationId: invitation.id },
          })
        }
        const secondFactorNeeded = existing?.totpEnabledAt != null
        if (!secondFactorNeeded) {
          await markSignedIn(tx, userId, now)
          await audit(tx, { actorUserId: userId, action: 'user.signed_in', subjectType: 'user', subjectId: userId, details: { method: 'invitation' } })
        }
        return {
          outcome: 'accepted',
          userId,
          secondFactorNeeded,
          context: { networkId, organisationId: invitation.organisationId && invitation.role ? invitation.organisationId : null },
        }
      })
    },
  }
}
