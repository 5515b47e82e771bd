import { z } from 'zod'
import { nations, organisationRoles, organisationTypes } from '../../db/schema/enums.js'
import { choosePassword } from '../../platform/auth/auth.schemas.js'

// The database enums are the one list of each; forms and views read them from there.
export const nationValues = nations.enumValues
export type Nation = (typeof nationValues)[number]

export const organisationTypeValues = organisationTypes.enumValues
export type OrganisationType = (typeof organisationTypeValues)[number]

export const organisationRoleValues = organisationRoles.enumValues

/** Councils, the NHS and schools are public bodies, so they are statutory unless someone says otherwise. */
export const statutoryByDefault: readonly OrganisationType[] = ['local_authority', 'nhs', 'school']


/** A required line of text; the message is the i18n key shown when it is missing. */
const requiredText = (messageKey: string, max = 200) =>
  z.string({ error: messageKey }).trim().min(1, messageKey).max(max, 'networks:errors.tooLong')

const optionalText = z
  .string()
  .optional()
  .transform((value) => value?.trim() ?? '')

const email = (requiredKey: string) =>
  z
    .string({ error: requiredKey })
    .trim()
    .min(1, requiredKey)
    .max(254, 'networks:errors.emailInvalid')
    .pipe(z.email('networks:errors.emailInvalid'))
    .transform((value) => value.toLowerCase())

const compact = (value: string): string => value.replace(/\s+/g, '').toUpperCase()

/**
 * Charity numbers as the three UK regulators issue them: England and Wales 6–8 digits with an optional
 * "-NN" for a linked charity; Scotland SC and 6 digits; Northern Ireland NIC and 5–6 digits.
 */
export function isCharityNumber(value: string): boolean {
  return /^\d{6,8}(-\d{1,2})?$/.test(value) || /^SC\d{6}$/.test(value) || /^NIC\d{5,6}$/.test(value)
}

/** Companies House numbers are 8 characters: digits, or two letters (SC, NI, OC…) and 6 digits. */
export function isCompanyNumber(value: string): boolean {
  return /^(\d{8}|[A-Z]{2}\d{6})$/.test(value)
}

/** People often drop a company number's leading zeros; Companies House keeps them. */
function padCompanyNumber(value: string): string {
  return /^\d{5,7}$/.test(value) ? value.padStart(8, '0') : value
}

export const createNetworkSchema = z
  .object({
    networkName: requiredText('networks:errors.networkNameRequired', 120),
    nation: z.enum(nationValues, { error: 'networks:errors.nationRequired' }),
    coordinatorName: requiredText('networks:errors.yourNameRequired'),
    coordinatorEmail: email('networks:errors.emailRequired'),
    password: choosePassword,
    confirmPassword: z.string().optional(),
  })
  .refine((form) => form.password === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'networks:errors.passwordsDiffer',
    // Checked even when other answers are wrong, so every problem is shown at once.
    when: (payload) => {
      const form = payload.value as Record<string, unknown> | undefined
      return typeof form?.password === 'string' && form.password.length > 0
    },
  })
export type CreateNetworkInput = z.infer<typeof createNetworkSchema>

const organisationFields = {
  name: requiredText('networks:errors.organisationNameRequired', 160),
  type: z.enum(organisationTypeValues, { error: 'networks:errors.typeRequired' }),
  charityNumber: optionalText
    .transform(compact)
    .refine((value) => value === '' || isCharityNumber(value), 'networks:errors.charityNumberInvalid'),
  companyNumber: optionalText
    .transform((value) => padCompanyNumber(compact(value)))
    .refine((value) => value === '' || isCompanyNumber(value), 'networks:errors.companyNumberInvalid'),
  statutory: z.enum(['yes', 'no', '']).optional(),
  /** One of the network's front doors: its staff triage residents' requests for help. */
  frontDoor: z.enum(['yes', 'no', '']).optional(),
}

/** Turns the form's answers into an organisation's details; an unanswered statutory question follows the type. */
function toOrganisationDetails(form: {
  name: string
  type: OrganisationType
  charityNumber: string
  companyNumber: string
  statutory?: 'yes' | 'no' | ''
  frontDoor?: 'yes' | 'no' | ''
}) {
  return {
    name: form.name,
    type: form.type,
    charityNumber: form.charityNumber || null,
    companyNumber: form.companyNumber || null,
    statutory: form.statutory ? form.statutory === 'yes' : statutoryByDefault.includes(form.type),
    frontDoor: form.frontDoor === 'yes',
  }
}

export const organisationDetailsSchema = z.object(organisationFields).transform(toOrganisationDetails)
export type OrganisationDetails = z.infer<typeof organisationDetailsSchema>

export const newOrganisationSchema = z
  .object({
    ...organisationFields,
    adminName: requiredText('networks:errors.adminNameRequired'),
    adminEmail: email('networks:errors.adminEmailRequired'),
  })
  .transform((form) => ({
    organisation: toOrganisationDetails(form),
    admin: { name: form.adminName, email: form.adminEmail },
  }))
export type NewOrganisationInput = z.infer<typeof newOrganisationSchema>

export const inviteMemberSchema = z.object({
  name: requiredText('networks:errors.nameRequired'),
  email: email('networks:errors.emailRequired'),
  role: z.enum(organisationRoleValues, { error: 'networks:errors.roleRequired' }),
})
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>

export const changeRoleSchema = z.object({
  role: z.enum(organisationRoleValues, { error: 'networks:errors.roleRequired' }),
})

/** One choice on the switch page: "<networkId>/<organisationId>" or "<networkId>/network". */
export const switchContextSchema = z.object({
  context: z
    .string({ error: 'networks:errors.contextRequired' })
    .regex(/^[0-9a-f-]{36}\/([0-9a-f-]{36}|network)$/, 'networks:errors.contextRequired')
    .transform((value) => {
      const [networkId, organisation] = value.split('/')
      return { networkId, organisationId: organisation === 'network' ? null : organisation }
    }),
})

/** Ids in addresses: anything that is not a uuid cannot exist, so it is a 404, never a database error. */
export const idParam = z.uuid()

export const organisationsPerPage = 50

/** The organisations list's search and paging; anything odd falls back to the first page of everything. */
export const organisationListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  type: z.enum(organisationTypeValues).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})
export type OrganisationListQuery = z.infer<typeof organisationListQuery>

/** Inviting someone to a network role; analysts read the intelligence hub's aggregates only. */
export const inviteAnalystSchema = z.object({
  name: requiredText('networks:errors.nameRequired'),
  email: email('networks:errors.emailRequired'),
})
export type InviteAnalystInput = z.infer<typeof inviteAnalystSchema>
