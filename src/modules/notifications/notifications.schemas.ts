import { z } from 'zod'
import { notificationFrequency } from '../../db/schema/referrals.js'

export const emailFrequencyValues = notificationFrequency.enumValues

export const preferencesSchema = z.object({
  email: z.enum(emailFrequencyValues, { error: 'notifications:preferences.errors.choose' }),
})

/** ?page=: anything that is not a page number is the first page. */
export const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})
