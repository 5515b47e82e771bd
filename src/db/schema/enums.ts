import { pgEnum } from 'drizzle-orm/pg-core'

export const nations = pgEnum('nation', ['england', 'wales', 'scotland', 'northern_ireland'])

export const organisationTypes = pgEnum('organisation_type', [
  'voluntary_community',
  'local_authority',
  'nhs',
  'school',
  'social_prescriber',
  'foodbank',
  'housing',
  'other',
])

export const organisationRoles = pgEnum('organisation_role', ['referrer', 'receiver', 'organisation_admin'])

/** Network-wide roles; 'analyst' arrives with the intelligence hub. */
export const networkRoleNames = pgEnum('network_role_name', ['coordinator', 'analyst'])

