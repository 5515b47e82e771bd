import { z } from 'zod'
import { referralStatus, urgency } from '../../../db/schema/index.js'

/** What the work-list pages accept in their address. Anything unexpected falls back to the default, never an error. */

export const referralStatuses = referralStatus.enumValues
export type ReferralStatus = (typeof referralStatuses)[number]
export const urgencies = urgency.enumValues

/** The tabs of the incoming and outgoing lists: each is a set of statuses, some with a due-date window. */
export const worklistViews = ['open', 'new', 'overdue', 'due-soon', 'in-progress', 'closed'] as const
export type WorklistView = (typeof worklistViews)[number]

export const sortKeys = ['due', 'sent'] as const
export type SortKey = (typeof sortKeys)[number]
export type SortOrder = 'asc' | 'desc'

const page = z.coerce.number().int().min(1).max(10_000).catch(1).default(1)
const optionalId = z.uuid().optional().catch(undefined)

export const worklistQuerySchema = z.object({
  view: z.enum(worklistViews).catch('open').default('open'),
  service: optionalId,
  issue: optionalId,
  urgency: z.enum(urgencies).optional().catch(undefined),
  status: z.enum(referralStatuses).optional().catch(undefined),
  sort: z.enum(sortKeys).catch('due').default('due'),
  order: z.enum(['asc', 'desc']).optional().catch(undefined),
  page,
})
export type WorklistQuery = z.infer<typeof worklistQuerySchema>

export const networkQuerySchema = z.object({
  organisation: optionalId,
  service: optionalId,
  status: z.enum(referralStatuses).optional().catch(undefined),
  overdue: z.literal('yes').optional().catch(undefined),
  sort: z.enum(sortKeys).catch('sent').default('sent'),
  order: z.enum(['asc', 'desc']).optional().catch(undefined),
  page,
})
export type NetworkQuery = z.infer<typeof networkQuerySchema>

/** Newest first for the date something was sent, soonest first for the date contact is due. */
export function orderFor(sort: SortKey, order: SortOrder | undefined): SortOrder {
  return order ?? (sort === 'sent' ? 'desc' : 'asc')
}
