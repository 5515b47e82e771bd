import { z } from 'zod'
import { parsePostcode } from '../../directory/postcodes/postcode.js'
import { searchLanguages } from '../../directory/search/search.schemas.js'

/**
 * The front door's questions, one definition each, shared by the resident's pages (ask) and the front-door team's
 * phone-assisted pages (triage). Each question parses a form body into part of the answers; messages are i18n keys
 * in the front-door-public namespace (which has English and Welsh, so staff pages can show them too).
 */

/** Bump when the consent page's words change: each request records which wording the person agreed to. */
export const consentWordingVersion = 'front-door-consent-1'

/** How we may contact them. The public pages offer the first three; staff may record any. */
export const contactMethods = ['phone', 'text', 'email', 'letter', 'in_person'] as const
export type ContactMethod = (typeof contactMethods)[number]
export const onlineContactMethods = ['phone', 'text', 'email'] as const satisfies readonly ContactMethod[]

/** Languages someone may ask to be contacted in (ISO 639-1): the directory's list. */
export const contactLanguages = searchLanguages

/** Field size limits: generous for a person's words, far below anything that could hurt. */
export const limits = { need: 2000, name: 100, phone: 30, email: 254, contactTimes: 500, contactDifficulties: 1000, postcode: 16 } as const

/** Everything a request holds about the person, complete: what submitRequest takes. */
export interface RequestAnswers {
  issueTermIds: string[]
  need: string
  postcode: string | null
  name: string
  contactMethod: ContactMethod
  phone: string | null
  email: string | null
  contactTimes: string | null
  safeToLeaveMessage: boolean | null
  /** ISO 639-1: the language to contact them in. */
  language: string
  interpreterNeeded: boolean
  contactDifficulties: string | null
}

export type DraftAnswers = Partial<RequestAnswers>

const key = (name: string): string => `front-door-public:errors.${name}`
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A form field: the first value if a name repeats, trimmed; blank is null. */
const text = (max: number, tooLong: string) =>
  z.preprocess((value) => {
    const one = Array.isArray(value) ? value[0] : value
    if (typeof one !== 'string') return null
    const trimmed = one.trim()
    return trimmed === '' ? null : trimmed
  }, z.string().max(max, key(tooLong)).nullable())

const required = (schema: z.ZodType<string | null>, message: string) => schema.refine((value): value is string => value !== null, key(message)).transform((value) => value as string)

/** Phone numbers as people write them: digits, spaces, brackets, dashes, a leading +; 10 to 15 digits. */
export function isPhoneNumber(value: string): boolean {
  return /^\+?[\d\s()-]+$/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 10 && (value.match(/\d/g)?.length ?? 0) <= 15
}

/** 1. What they need help with: the network's issues (ids; unknown ones are dropped by the service) and their words. */
export const needQuestion = z
  .object({
    issue: z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z.array(z.unknown()).max(50).transform((values) => [...new Set(values.filter((value): value is string => typeof value === 'string' && uuid.test(value)))]),
    ),
    need: text(limits.need, 'needTooLong'),
  })
  .superRefine((value, context) => {
    if (value.issue.length === 0 && value.need === null) context.addIssue({ code: 'custom', path: ['need'], message: key('needRequired') })
  })
  .transform((value): Pick<RequestAnswers, 'issueTermIds' | 'need'> => ({ issueTermIds: value.issue, need: value.need ?? '' }))

/** 2. Postcode, optional (not everyone has one), normalised. */
export const postcodeQuestion = z
  .object({
    postcode: text(limits.postcode, 'postcodeFormat').refine((value) => value === null || parsePostcode(value) !== null, key('postcodeFormat')),
  })
  .transform((value): Pick<RequestAnswers, 'postcode'> => ({ postcode: value.postcode === null ? null : (parsePostcode(value.postcode)?.postcode ?? null) }))

/** 3. The name to use. */
export const nameQuestion = z
  .object({ name: required(text(limits.name, 'nameTooLong'), 'nameRequired') })
  .transform((value): Pick<RequestAnswers, 'name'> => ({ name: value.name }))

/** 4. How to contact them. Pass the methods the page offers. */
export function contactMethodQuestion(offered: readonly ContactMethod[] = onlineContactMethods) {
  return z
    .object({
      contactMethod: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.enum(offered as [ContactMethod, ...ContactMethod[]], { error: key('contactMethodRequired') })),
    })
    .transform((value): Pick<RequestAnswers, 'contactMethod'> => ({ contactMethod: value.contactMethod }))
}

/** 5. The number or address for that method: the one the method needs is required; the other is optional. */
export function contactDetailsQuestion(method: ContactMethod | undefined) {
  return z
    .object({
      phone: text(limits.phone, 'phoneFormat').refine((value) => value === null || isPhoneNumber(value), key('phoneFormat')),
      email: text(limits.email, 'emailFormat').refine((value) => value === null || z.email().safeParse(value).success, key('emailFormat')),
    })
    .superRefine((value, context) => {
      if ((method === 'phone' || method === 'text') && value.phone === null) context.addIssue({ code: 'custom', path: ['phone'], message: key('phoneRequired') })
      if (method === 'email' && value.email === null) context.addIssue({ code: 'custom', path: ['email'], message: key('emailRequired') })
    })
    .transform((value): Pick<RequestAnswers, 'phone' | 'email'> => ({ phone: value.phone, email: value.email }))
}

/** 6. When is a good time, optional. */
export const contactTimesQuestion = z
  .object({ contactTimes: text(limits.contactTimes, 'contactTimesTooLong') })
  .transform((value): Pick<RequestAnswers, 'contactTimes'> => ({ contactTimes: value.contactTimes }))

/** 7. Whether it is safe to leave a message. */
export const safeToLeaveMessageQuestion = z
  .object({
    safeToLeaveMessage: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.enum(['yes', 'no'], { error: key('safeToLeaveMessageRequired') })),
  })
  .transform((value): Pick<RequestAnswers, 'safeToLeaveMessage'> => ({ safeToLeaveMessage: value.safeToLeaveMessage === 'yes' }))

/** 8. The language to contact them in, and whether they would like an interpreter. */
export const languageQuestion = z
  .object({
    language: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.enum(contactLanguages, { error: key('languageRequired') })),
    interpreterNeeded: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.enum(['yes']).optional()),
  })
  .transform((value): Pick<RequestAnswers, 'language' | 'interpreterNeeded'> => ({ language: value.language, interpreterNeeded: value.interpreterNeeded === 'yes' }))

/** 9. Anything that makes contact hard, optional. */
export const contactDifficultiesQuestion = z
  .object({ contactDifficulties: text(limits.contactDifficulties, 'contactDifficultiesTooLong') })
  .transform((value): Pick<RequestAnswers, 'contactDifficulties'> => ({ contactDifficulties: value.contactDifficulties }))

/** The consent page: they must tick the box. */
export const consentQuestion = z.object({
  consent: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.literal('yes', { error: key('consentRequired') })),
})

/** The whole set, checked again when a request is submitted: a draft may be missing answers or hold stale ones. */
export const requestAnswersSchema = z
  .object({
    issueTermIds: z.array(z.string().regex(uuid)).max(50),
    need: z.string().max(limits.need),
    postcode: z.string().max(limits.postcode).nullable(),
    name: z.string().min(1).max(limits.name),
    contactMethod: z.enum(contactMethods),
    phone: z.string().max(limits.phone).nullable(),
    email: z.string().max(limits.email).nullable(),
    contactTimes: z.string().max(limits.contactTimes).nullable(),
    safeToLeaveMessage: z.boolean().nullable(),
    language: z.string().regex(/^[a-z]{2,3}$/),
    interpreterNeeded: z.boolean(),
    contactDifficulties: z.string().max(limits.contactDifficulties).nullable(),
  })
  .refine((value) => value.issueTermIds.length > 0 || value.need.trim() !== '', { path: ['need'] })
  .refine((value) => !(value.contactMethod === 'phone' || value.contactMethod === 'text') || value.phone !== null, { path: ['phone'] })
  .refine((value) => value.contactMethod !== 'email' || value.email !== null, { path: ['email'] })

/** The resident's question pages, in order: the address segment and which answers each one gives. */
export const questionPages = [
  { slug: 'need', answers: ['issueTermIds', 'need'] },
  { slug: 'postcode', answers: ['postcode'] },
  { slug: 'name', answers: ['name'] },
  { slug: 'contact-method', answers: ['contactMethod'] },
  { slug: 'contact-details', answers: ['phone', 'email'] },
  { slug: 'contact-times', answers: ['contactTimes'] },
  { slug: 'message', answers: ['safeToLeaveMessage'] },
  { slug: 'language', answers: ['language', 'interpreterNeeded'] },
  { slug: 'contact-difficulties', answers: ['contactDifficulties'] },
] as const satisfies readonly { slug: string; answers: readonly (keyof RequestAnswers)[] }[]

export type QuestionSlug = (typeof questionPages)[number]['slug']

/** The schema of one question page, given what is already answered (the contact details depend on the method). */
export function questionSchema(slug: QuestionSlug, answers: DraftAnswers): z.ZodType<DraftAnswers> {
  switch (slug) {
    case 'need':
      return needQuestion
    case 'postcode':
      return postcodeQuestion
    case 'name':
      return nameQuestion
    case 'contact-method':
      return contactMethodQuestion()
    case 'contact-details':
      return contactDetailsQuestion(answers.contactMethod)
    case 'contact-times':
      return contactTimesQuestion
    case 'message':
      return safeToLeaveMessageQuestion
    case 'language':
      return languageQuestion
    case 'contact-difficulties':
      return contactDifficultiesQuestion
  }
}

/** The first question whose answers are missing, or null when the set is complete enough to check. */
export function firstUnanswered(answers: DraftAnswers): QuestionSlug | null {
  for (const page of questionPages) {
    if (page.slug === 'contact-details') {
      if (!contactDetailsQuestion(answers.contactMethod).safeParse({ phone: answers.phone ?? '', email: answers.email ?? '' }).success) return page.slug
      continue
    }
    if (page.answers.some((name) => answers[name] === undefined)) return page.slug
  }
  return requestAnswersSchema.safeParse(answers).success ? null : 'need'
}
