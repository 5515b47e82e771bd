import type { z } from 'zod'
import type { Translate } from '../i18n/i18n.js'

/** A field error before translation: message is an i18n key such as 'auth:errors.emailRequired'. */
export interface FieldError {
  field: string
  message: string
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

/** Zod messages are i18n keys; the first problem of each field is the one shown. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ParseResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, value: result.data }
  const errors: FieldError[] = []
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || 'form'
    if (!errors.some((error) => error.field === field)) errors.push({ field, message: issue.message })
  }
  return { ok: false, errors }
}

export interface ErrorsView {
  /** For govukErrorSummary errorList. */
  list: { text: string; href: string }[]
  /** For each component's errorMessage. */
  byField: Record<string, { text: string }>
}

/** The shape GOV.UK error summary and inline errors want. Field ids are the field names with dots as dashes. */
export function presentErrors(errors: FieldError[], t: Translate): ErrorsView {
  const list = errors.map((error) => ({ text: t(error.message), href: `#${error.field.replaceAll('.', '-')}` }))
  const byField = Object.fromEntries(errors.map((error, index) => [error.field, { text: list[index].text }]))
  return { list, byField }
}
