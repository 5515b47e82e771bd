/**
 * The lists a receiver chooses from when declining or closing a referral. Codes are stored; labels live in the
 * referrals namespace (declineReasons.<code>, outcomes.<code>) in English and Welsh.
 */

export const declineReasons = ['no_capacity', 'not_eligible', 'client_declined', 'cannot_meet_need', 'duplicate', 'other'] as const
export type DeclineReason = (typeof declineReasons)[number]

export const outcomeCodes = [
  'advice_given',
  'casework_opened',
  'income_maximised',
  'debt_managed',
  'housing_secured',
  'eviction_prevented',
  'food_provided',
  'referred_on',
  'client_withdrew',
  'other',
] as const
export type OutcomeCode = (typeof outcomeCodes)[number]

export const declineReasonKey = (code: string): string => `referrals:declineReasons.${code}`
export const outcomeKey = (code: string): string => `referrals:outcomes.${code}`
