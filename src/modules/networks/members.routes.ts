import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { parseForm, type FieldError } from '../../platform/forms/forms.js'
import { signedIn } from '../../platform/http/request-context.js'
import type { Services } from '../../services.js'
import type { MemberView } from './members.service.js'
import { changeRoleSchema, inviteMemberSchema } from './networks.schemas.js'
import { keptValues, roleItems } from './networks.presenter.js'
import { callerOf, errorsView, formErrorsFrom, idFrom } from '../../platform/http/route-support.js'

/** An organisation's users: who is in it, inviting, changing roles, removing, cancelling invitations. */
export async function membersRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { members } = services.networks
  const guarded = { preHandler: signedIn }
  const usersPage = (organisationId: string): string => `/organisations/${organisationId}/users`

  app.get('/organisations/:id/users', guarded, async (request, reply) => {
    const view = await members.members(callerOf(request), idFrom(request, 'id'))
    return reply.page('networks/views/members.njk', {
      title: `${request.t('networks:members.title')} – ${view.organisation.name}`,
      backLink: `/organisations/${view.organisation.id}`,
      ...view,
    })
  })

  const showInvite = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status = 200) => {
    const organisation = await members.forInvite(callerOf(request), idFrom(request, 'id'))
    const values = keptValues(request.body)
    return reply.page(
      'networks/views/invite.njk',
      {
        title: request.t('networks:invite.title'),
        backLink: usersPage(organisation.id),
        organisation,
        values,
        roles: roleItems(request.t, values),
        errors: errorsView(request, errors),
      },
      status,
    )
  }

  app.get('/organisations/:id/users/invite', guarded, async (request, reply) => showInvite(request, reply))

  app.post('/organisations/:id/users/invite', guarded, async (request, reply) => {
    const caller = callerOf(request)
    const organisation = await members.forInvite(caller, idFrom(request, 'id'))
    const parsed = parseForm(inviteMemberSchema, request.body)
    if (!parsed.ok) return showInvite(request, reply, parsed.errors, 400)
    try {
      await members.invite(caller, organisation.id, parsed.value)
    } catch (error) {
      return showInvite(request, reply, formErrorsFrom(error), 400)
    }
    request.session.flash = 'networks:members.invited'
    return reply.redirect(usersPage(organisation.id), 303)
  })

  const showChangeRole = (request: FastifyRequest, reply: FastifyReply, view: MemberView, errors: FieldError[] = [], status = 200) => {
    const values = request.method === 'POST' ? keptValues(request.body) : { role: view.member.role }
    return reply.page(
      'networks/views/change-role.njk',
      {
        title: request.t('networks:changeRole.title'),
        backLink: usersPage(view.organisation.id),
        ...view,
        roles: roleItems(request.t, values),
        errors: errorsView(request, errors),
      },
      status,
    )
  }

  const memberOf = (request: FastifyRequest) => members.member(callerOf(request), idFrom(request, 'id'), idFrom(request, 'userId'))

  app.get('/organisations/:id/users/:userId/role', guarded, async (request, reply) =>
    showChangeRole(request, reply, await memberOf(request)),
  )

  app.post('/organisations/:id/users/:userId/role', guarded, async (request, reply) => {
    const view = await memberOf(request)
    const parsed = parseForm(changeRoleSchema, request.body)
    if (!parsed.ok) return showChangeRole(request, reply, view, parsed.errors, 400)
    try {
      await members.changeRole(callerOf(request), view.organisation.id, view.member.userId, parsed.value.role)
    } catch (error) {
      return showChangeRole(request, reply, view, formErrorsFrom(error), 400)
    }
    request.session.flash = 'networks:members.roleChanged'
    return reply.redirect(usersPage(view.organisation.id), 303)
  })

  const showRemove = (request: FastifyRequest, reply: FastifyReply, view: MemberView, errors: FieldError[] = [], status = 200) =>
    reply.page(
      'networks/views/remove-member.njk',
      { title: request.t('networks:removeMember.title'), backLink: usersPage(view.organisation.id), ...view, errors: errorsView(request, errors) },
      status,
    )

  app.get('/organisations/:id/users/:userId/remove', guarded, async (request, reply) =>
    showRemove(request, reply, await memberOf(request)),
  )

  app.post('/organisations/:id/users/:userId/remove', guarded, async (request, reply) => {
    const view = await memberOf(request)
    try {
      await members.remove(callerOf(request), view.organisation.id, view.member.userId)
    } catch (error) {
      return showRemove(request, reply, view, formErrorsFrom(error), 400)
    }
    request.session.flash = 'networks:members.removed'
    return reply.redirect(usersPage(view.organisation.id), 303)
  })

  app.post('/organisations/:id/invitations/:invitationId/revoke', guarded, async (request, reply) => {
    const organisationId = idFrom(request, 'id')
    await members.revokeInvitation(callerOf(request), organisationId, idFrom(request, 'invitationId'))
    request.session.flash = 'networks:members.revoked'
    return reply.redirect(usersPage(organisationId), 303)
  })
}
