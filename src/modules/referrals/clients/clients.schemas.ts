import { z } from 'zod'
import { contactMethod, householdType, urgency } from '../../../db/schema/index.js'
import { parsePostcode } from '../../directory/postcodes/postcode.js'
import { languageCodes } from '../../directory/listings/listings.schemas.js'

export const contactMethodValues = contactMethod.enumValues
export const householdValues = householdType.enumValues
export const urgencyValues = urgency.enumValues
export { languageCodes }

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((value) => value?.trim() ?? '')
    .pipe(z.string().max(max, 'clients:errors.tooLong'))

const orNull = (value: string): string | null => (value === '' ? null : value)

/** Checkboxes arrive as nothing, one string or several. */
export const checkboxes = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item))

/** A yes / no / not asked radio: null when not asked. */
const yesNoUnknown = z
  .enum(['yes', 'no', 'unknown', ''])
  .optional()
  .transform((value) => (value === 'yes' ? true : value === 'no' ? false : null))

const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.literal('')], { error: 'clients:errors.choiceInvalid' })
    .optional()
    .transform((value) => (value ? (value as T[number]) : null))

const postcode = text(10).transform((value, ctx) => {
  if (value === '') return null
  const normalised = parsePostcode(value)?.postcode
  if (!normalised) {
    ctx.addIssue({ code: 'custom', message: 'clients:errors.postcodeInvalid' })
    return z.NEVER
  }
  return normalised
})

const phone = text(30).refine(
  (value) => value === '' || (/^[\d\s()+-]+$/.test(value) && value.replace(/\D/g, '').length >= 7),
  'clients:errors.phoneInvalid',
)

const email = text(254).pipe(z.union([z.literal(''), z.email('clients:errors.emailInvalid')]))

/** A day, month and year typed into three boxes: 'YYYY-MM-DD', null when all are empty. */
export function dateFromParts(day: string, month: string, year: string): string | null | 'invalid' {
  if (!day && !month && !year) return null
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return 'invalid'
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return 'invalid'
  return date.toISOString().slice(0, 10)
}

/** What the client needs: told once, carried by every referral. */
const needFields = {
  need: z.string({ error: 'clients:errors.needRequired' }).trim().min(1, 'clients:errors.needRequired').max(5000, 'clients:errors.tooLong'),
  issues: checkboxes(z.uuid({ error: 'clients:errors.choiceInvalid' })),
  urgency: z.enum(urgencyValues, { error: 'clients:errors.urgencyRequired' }).default('standard'),
}

export const needFormSchema = z.object(needFields)
export type NeedInput = z.infer<typeof needFormSchema>

/** The intake form: the client and their need. Only a name, a way to contact them and the need are required. */
export const intakeFormSchema = z
  .object({
    name: z.string({ error: 'clients:errors.nameRequired' }).trim().min(1, 'clients:errors.nameRequired').max(200, 'clients:errors.tooLong'),
    dobDay: text(2),
    dobMonth: text(2),
    dobYear: text(4),
    age: text(3).pipe(
      z
        .string()
        .regex(/^\d*$/, 'clients:errors.ageInvalid')
        .transform((value) => (value === '' ? null : Number(value)))
        .refine((value) => value === null || value <= 120, 'clients:errors.ageInvalid'),
    ),
    phone,
    email,
    address: text(1000),
    postcode,
    preferredContactMethod: optionalChoice(contactMethodValues),
    contactTimes: text(500),
    safeToLeaveMessage: yesNoUnknown,
    language: optionalChoice(languageCodes),
    interpreterNeeded: z
      .string()
      .optional()
      .transform((value) => value === 'yes'),
    accessibilityNeeds: text(2000),
    nrpf: yesNoUnknown,
    household: optionalChoice(householdValues),
    dietaryCulturalNeeds: text(2000),
    ...needFields,
    /** On the duplicates page: an existing client's id, or 'new'. */
    sameAs: z.string().optional(),
  })
  .superRefine(
    (form, ctx) => {
    // Runs even when other answers are wrong, so every problem shows at once: guard each value's type.
    const dob = dateFromParts(form.dobDay ?? '', form.dobMonth ?? '', form.dobYear ?? '')
    if (dob === 'invalid') ctx.addIssue({ code: 'custom', path: ['dobDay'], message: 'clients:errors.dobInvalid' })
    else if (dob !== null && dob > new Date().toISOString().slice(0, 10)) {
      ctx.addIssue({ code: 'custom', path: ['dobDay'], message: 'clients:errors.dobFuture' })
    }
    if (!form.phone && !form.email && !form.address) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'clients:errors.contactRequired' })
    }
    if (form.preferredContactMethod === 'email' && !form.email) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'clients:errors.emailForPreferred' })
    }
    if ((form.preferredContactMethod === 'phone' || form.preferredContactMethod === 'text') && !form.phone) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'clients:errors.phoneForPreferred' })
    }
    if (form.preferredContactMethod === 'letter' && !form.address) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'clients:errors.addressForPreferred' })
    }
    },
    { when: () => true },
  )
  .transform((form) => {
    const dob = dateFromParts(form.dobDay, form.dobMonth, form.dobYear) as string | null
    return {
      client: {
        name: form.name.replace(/\s+/g, ' '),
        dateOfBirth: dob,
        // A date of birth, when known, says more than an age: the age is kept only without one.
        statedAge: dob ? null : form.age,
        phone: orNull(form.phone),
        email: orNull(form.email),
        address: orNull(form.address),
        postcode: form.postcode,
        preferredContactMethod: form.preferredContactMethod,
        contactTimes: orNull(form.contactTimes),
        safeToLeaveMessage: form.safeToLeaveMessage,
        language: form.language,
        interpreterNeeded: form.interpreterNeeded,
        accessibilityNeeds: orNull(form.accessibilityNeeds),
        nrpf: form.nrpf,
        household: form.household,
        dietaryCulturalNeeds: orNull(form.dietaryCulturalNeeds),
      },
      need: { need: form.need, issues: form.issues, urgency: form.urgency },
      sameAs: form.sameAs === 'new' ? ('new' as const) : z.uuid().safeParse(form.sameAs).success ? (form.sameAs as string) : null,
    }
  })

export type IntakeInput = z.infer<typeof intakeFormSchema>
export type ClientValues = IntakeInput['client']

export const clientFiltersSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((value) => value?.trim().slice(0, 100) ?? ''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type ClientFilters = z.infer<typeof clientFiltersSchema>
