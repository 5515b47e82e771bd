import { isOutcode, parsePostcode } from '../postcodes/postcode.js'
import { z } from 'zod'
import { capacityStatus, deliveryChannel, householdType } from '../../../db/schema/index.js'

// The database enums are the one list of each; forms and views read them from there.
export const capacityValues = capacityStatus.enumValues
export type CapacityStatus = (typeof capacityValues)[number]
export const deliveryChannelValues = deliveryChannel.enumValues
export const householdTypeValues = householdType.enumValues

/** Languages offered on the form (ISO 639-1): the ones most asked for in UK advice networks. */
export const languageCodes = [
  'en', 'cy', 'ar', 'bn', 'zh', 'fa', 'fr', 'gu', 'hi', 'ku', 'lt', 'pa', 'pl', 'ps', 'pt', 'ro', 'so', 'es', 'ta', 'ti', 'tr', 'uk', 'ur',
] as const

/** Weekly opening times: one row per weekday, RFC 5545 day codes as ORUK schedules use them. */
export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export type Weekday = (typeof weekdays)[number]

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((value) => value?.trim() ?? '')
    .pipe(z.string().max(max, 'directory:errors.tooLong'))

const requiredText = (messageKey: string, max: number) =>
  z.string({ error: messageKey }).trim().min(1, messageKey).max(max, 'directory:errors.tooLong')

/** Checkboxes arrive as nothing, one string or several. */
const checkboxes = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item))

const optionalWholeNumber = (min: number, max: number, messageKey: string) =>
  text(10).pipe(
    z
      .string()
      .regex(/^\d*$/, messageKey)
      .transform((value) => (value === '' ? null : Number(value)))
      .refine((value) => value === null || (value >= min && value <= max), messageKey),
  )

const time = text(5).pipe(z.string().regex(/^(|([01]?\d|2[0-3]):[0-5]\d)$/, 'directory:errors.timeInvalid'))

/** Outward codes, typed with commas or spaces: 'e1, e2 E3' → ['E1', 'E2', 'E3']. */
const districts = text(2000).transform((value, ctx) => {
  const codes = [...new Set(value.split(/[\s,;]+/).filter(Boolean).map((code) => code.toUpperCase()))]
  if (codes.some((code) => !isOutcode(code))) {
    ctx.addIssue({ code: 'custom', message: 'directory:errors.districtInvalid' })
    return z.NEVER
  }
  return codes
})

const postcode = text(10).transform((value, ctx) => {
  if (value === '') return null
  const normalised = parsePostcode(value)?.postcode
  if (!normalised) {
    ctx.addIssue({ code: 'custom', message: 'directory:errors.postcodeInvalid' })
    return z.NEVER
  }
  return normalised
})

const phoneNumber = text(30).refine(
  (value) => value === '' || (/^[\d\s()+-]+$/.test(value) && value.replace(/\D/g, '').length >= 7),
  'directory:errors.phoneInvalid',
)

const optionalEmail = text(254).pipe(z.union([z.literal(''), z.email('directory:errors.emailInvalid')]))

const optionalUrl = text(500).refine((value) => value === '' || /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(value), 'directory:errors.urlInvalid')

const openingFields = Object.fromEntries(weekdays.flatMap((day) => [[`opens${day}`, time], [`closes${day}`, time]])) as Record<
  `opens${Weekday}` | `closes${Weekday}`,
  typeof time
>

/** The whole listing form: details, who it is for, how to refer, where and when, contact, languages and access. */
export const serviceFormSchema = z
  .object({
    organisationId: text(40),
    name: requiredText('directory:errors.nameRequired', 160),
    description: requiredText('directory:errors.descriptionRequired', 4000),
    url: optionalUrl,
    fees: text(500),
    issues: checkboxes(z.uuid('directory:errors.issuesRequired')).pipe(z.array(z.uuid()).min(1, 'directory:errors.issuesRequired')),
    minimumAge: optionalWholeNumber(0, 120, 'directory:errors.ageInvalid'),
    maximumAge: optionalWholeNumber(0, 120, 'directory:errors.ageInvalid'),
    householdTypes: checkboxes(z.enum(householdTypeValues, { error: 'directory:errors.choiceInvalid' })),
    acceptsNrpf: z.enum(['yes', 'no', 'unknown'], { error: 'directory:errors.nrpfRequired' }),
    areaDistricts: districts,
    areaRadiusKm: text(10).pipe(
      z
        .string()
        .regex(/^(|\d{1,3}(\.\d{1,2})?)$/, 'directory:errors.radiusInvalid')
        .transform((value) => (value === '' ? null : Number(value)))
        .refine((value) => value === null || (value > 0 && value <= 200), 'directory:errors.radiusInvalid'),
    ),
    referralCriteria: requiredText('directory:errors.referralCriteriaRequired', 4000),
    howServiceContactsClients: requiredText('directory:errors.howContactRequired', 1000),
    contactSlaDays: optionalWholeNumber(1, 60, 'directory:errors.slaInvalid'),
    locationName: text(160),
    address1: text(200),
    address2: text(200),
    city: text(100),
    postcode,
    accessibility: text(1000),
    ...openingFields,
    contactName: text(160),
    phone: phoneNumber,
    email: optionalEmail,
    deliveryChannels: checkboxes(z.enum(deliveryChannelValues, { error: 'directory:errors.choiceInvalid' })).pipe(
      z.array(z.enum(deliveryChannelValues)).min(1, 'directory:errors.channelsRequired'),
    ),
    languages: checkboxes(z.enum(languageCodes, { error: 'directory:errors.choiceInvalid' })),
    interpreting: text(500),
  })
  .superRefine(
    (form, ctx) => {
      // Runs even when other answers are wrong, so every problem is shown at once: guard each value's type.
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (typeof form.minimumAge === 'number' && typeof form.maximumAge === 'number' && form.minimumAge > form.maximumAge) {
        issue('maximumAge', 'directory:errors.ageOrder')
      }
      const hasAddress = [form.locationName, form.address1, form.address2, form.city].some((v) => typeof v === 'string' && v !== '')
      const postcodeGiven = typeof form.postcode === 'string' && form.postcode !== ''
      if (hasAddress || postcodeGiven) {
        if (!form.address1) issue('address1', 'directory:errors.address1Required')
        if (!form.city) issue('city', 'directory:errors.cityRequired')
        if (!postcodeGiven) issue('postcode', 'directory:errors.postcodeRequired')
      }
      if (typeof form.areaRadiusKm === 'number' && !postcodeGiven) issue('areaRadiusKm', 'directory:errors.radiusNeedsPostcode')
      for (const day of weekdays) {
        const opens = form[`opens${day}`]
        const closes = form[`closes${day}`]
        if (typeof opens !== 'string' || typeof closes !== 'string') continue
        if (opens && !closes) issue(`closes${day}`, 'directory:errors.closesRequired')
        else if (!opens && closes) issue(`opens${day}`, 'directory:errors.opensRequired')
        else if (opens && closes && minutes(closes) <= minutes(opens)) issue(`closes${day}`, 'directory:errors.closesAfterOpens')
      }
    },
    { when: () => true },
  )
  .transform((form) => ({
    organisationId: form.organisationId || null,
    service: {
      name: form.name,
      description: form.description,
      url: form.url || null,
      email: form.email || null,
      fees: form.fees || null,
      minimumAge: form.minimumAge,
      maximumAge: form.maximumAge,
      householdTypes: form.householdTypes,
      acceptsNrpf: form.acceptsNrpf === 'unknown' ? null : form.acceptsNrpf === 'yes',
      areaDistricts: form.areaDistricts,
      areaRadiusKm: form.areaRadiusKm,
      referralCriteria: form.referralCriteria,
      howServiceContactsClients: form.howServiceContactsClients,
      contactSlaDays: form.contactSlaDays,
      deliveryChannels: form.deliveryChannels,
      languages: form.languages,
      interpreting: form.interpreting || null,
    },
    termIds: [...new Set(form.issues)],
    location: form.postcode
      ? {
          name: form.locationName || null,
          address1: form.address1,
          address2: form.address2 || null,
          city: form.city,
          postcode: form.postcode,
          accessibility: form.accessibility || null,
        }
      : null,
    openingTimes: weekdays.flatMap((day) => {
      const opens = form[`opens${day}`]
      const closes = form[`closes${day}`]
      return opens && closes ? [{ day, opens, closes }] : []
    }),
    contact: { name: form.contactName || null, phone: form.phone || null },
  }))
export type ServiceFormInput = z.infer<typeof serviceFormSchema>

function minutes(value: string): number {
  const [hours, mins] = value.split(':').map(Number)
  return hours * 60 + mins
}

/** Change capacity: a pause needs a reason; the reopening date is optional but must be a real date. */
export const capacityFormSchema = z
  .object({
    capacityStatus: z.enum(capacityValues, { error: 'directory:errors.capacityRequired' }),
    pausedReason: text(500),
    reopeningDay: text(2),
    reopeningMonth: text(2),
    reopeningYear: text(4),
    waitingList: z.enum(['yes', 'no']).optional(),
  })
  .superRefine(
    (form, ctx) => {
      if (form.capacityStatus !== 'paused') return
      if (!form.pausedReason) ctx.addIssue({ code: 'custom', path: ['pausedReason'], message: 'directory:errors.pausedReasonRequired' })
      const parts = [form.reopeningDay, form.reopeningMonth, form.reopeningYear]
      if (parts.some((part) => part !== '') && !isoDate(form.reopeningDay, form.reopeningMonth, form.reopeningYear)) {
        ctx.addIssue({ code: 'custom', path: ['reopeningDay'], message: 'directory:errors.reopeningInvalid' })
      }
    },
    { when: () => true },
  )
  .transform((form) =>
    form.capacityStatus === 'paused'
      ? {
          capacityStatus: form.capacityStatus,
          pausedReason: form.pausedReason,
          expectedReopening: isoDate(form.reopeningDay, form.reopeningMonth, form.reopeningYear),
          waitingList: form.waitingList === 'yes',
        }
      : { capacityStatus: form.capacityStatus, pausedReason: null, expectedReopening: null, waitingList: false },
  )
export type CapacityInput = z.infer<typeof capacityFormSchema>

/** '2026-01-03' from a GOV.UK date input, or null if it is not a real date. */
export function isoDate(day: string, month: string, year: string): string | null {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return null
  return date.toISOString().slice(0, 10)
}

/** The coordinator's filters on the services list. */
export const serviceFiltersSchema = z.object({
  organisation: z.uuid().optional().catch(undefined),
  capacity: z.enum(capacityValues).optional().catch(undefined),
  stale: z.literal('yes').optional().catch(undefined),
  unverified: z.literal('yes').optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type ServiceFilters = z.infer<typeof serviceFiltersSchema>
