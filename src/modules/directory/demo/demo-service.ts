import type { services } from '../../../db/schema/index.js'

/*
 * The shape of one demo listing, written for people to read: the seeding turns it into ORUK rows.
 * Everything is fictional: phone numbers are Ofcom's drama range (0116 496 0xxx), emails and sites end in .example.
 */

export type DeliveryChannel = NonNullable<(typeof services.$inferInsert)['deliveryChannels']>[number]
export type HouseholdType = NonNullable<(typeof services.$inferInsert)['householdTypes']>[number]

export interface OpeningHours {
  /** RFC 5545 BYDAY, e.g. 'MO,TU,WE,TH,FR'. */
  days: string
  opens: string
  closes: string
  description?: string
}

export interface DemoPlace {
  /** Services of one organisation at a place with the same name share the location. */
  name: string
  street: string
  /** Outward code: the place gets a postcode of this district from the demo's centroids. */
  district: string
}

export type DemoCapacity =
  | { status: 'paused'; reason: string; reopensInDays: number; waitingList: boolean }
  | { status: 'closed'; reason: string }

export interface DemoService {
  /** Stable and unique: the seeding derives every id from it, so running again adds nothing. */
  key: string
  /** A demo organisation's name, as in networks/demo-data.ts. */
  organisation: string
  name: string
  /** Issue codes from taxonomy/issues.ts. */
  issues: string[]
  description: string
  referralCriteria: string
  howServiceContactsClients: string
  channels: DeliveryChannel[]
  /** ISO 639-1 codes. */
  languages: string[]
  interpreting?: string
  minimumAge?: number
  maximumAge?: number
  acceptsNrpf?: boolean
  householdTypes?: HouseholdType[]
  /** Postcode districts served; none (and no radius) means the whole network area. */
  areaDistricts?: string[]
  /** Kilometres around the service's place. */
  areaRadiusKm?: number
  contactSlaDays?: number
  /** Where people go; omitted for phone and online services with no public address. */
  place?: DemoPlace
  hours: OpeningHours[]
  email?: string
  url?: string
  fees?: string
  capacity?: DemoCapacity
  /** ORUK status when not 'active': an inactive listing is kept for the record but no longer offered in search. */
  status?: 'inactive' | 'temporarily closed'
  /** Months since the listing was last reviewed; 7 or more is stale. Defaults to 1. */
  reviewedMonthsAgo?: number
  verified?: boolean
}

export const weekdays = (opens: string, closes: string, description?: string): OpeningHours[] => [
  { days: 'MO,TU,WE,TH,FR', opens, closes, description },
]

export const on = (days: string, opens: string, closes: string, description?: string): OpeningHours => ({
  days,
  opens,
  closes,
  description,
})
