import type { FastifyRequest } from 'fastify'
import { DomainError, NotFoundError } from '../errors.js'
import { presentErrors, type ErrorsView, type FieldError } from '../forms/forms.js'
import type { Caller } from '../access/caller.js'
import { z } from 'zod'

const idParam = z.uuid()

/** Small helpers every module's routes share, so each handler stays parse → service → view. */

export function callerOf(request: FastifyRequest): Caller {
  return { actor: request.actor, language: request.lang, requestId: request.id }
}

/** An id from the address; anything that is not an id cannot exist. */
export function idFrom(request: FastifyRequest, name: string): string {
  const parsed = idParam.safeParse((request.params as Record<string, unknown>)[name])
  if (!parsed.success) throw new NotFoundError()
  return parsed.data
}

/** A rule broken by what was typed (a name already taken…) becomes a field error on the form; anything else is rethrown. */
export function formErrorsFrom(error: unknown): FieldError[] {
  if (error instanceof DomainError && error.field) return [{ field: error.field, message: error.messageKey }]
  throw error
}

export function errorsView(request: FastifyRequest, errors: FieldError[]): ErrorsView {
  return presentErrors(errors, request.t)
}
