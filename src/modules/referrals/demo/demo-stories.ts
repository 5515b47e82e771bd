import type { DeclineReason, OutcomeCode } from '../referrals/referral-codes.js'

/*
 * What the demo's referrals are about and what the workers wrote: who refers, for which issues, in what words.
 * Issue weights follow what advice networks report: debt, benefits, housing and food far ahead of the rest.
 */

export const issueWeights: Record<string, number> = {
  debt: 18,
  'welfare-benefit': 18,
  housing: 14,
  'food-support': 14,
  'wellbeing-activities': 7,
  'utility-advice': 5,
  'community-care': 4,
  family: 4,
  immigration: 3,
  employment: 3,
  'carers-assessment': 2,
  'digital-inclusion': 2,
  'financial-capability': 2,
  advocacy: 2,
  'courses-training': 1.5,
  'job-search': 1.5,
  'volunteering-employment-activities': 1,
  consumer: 1,
  'small-claims': 0.5,
}

export interface Referrer {
  organisation: string
  /** Share of the network's intakes. */
  weight: number
  /** Issues this organisation meets more often than the network as a whole, as multipliers. */
  leaning: Record<string, number>
  ageRange: [number, number]
}

/** The organisations that record intakes: those whose demo staff can sign in and see them. */
export const referrers: Referrer[] = [
  { organisation: 'Northbank Foodbank', weight: 20, leaning: { 'food-support': 0.3, debt: 1.6, 'welfare-benefit': 1.6, 'utility-advice': 2 }, ageRange: [19, 78] },
  { organisation: 'Riverside Citizens Advice', weight: 18, leaning: { 'food-support': 1.5, housing: 1.4, 'wellbeing-activities': 1.3 }, ageRange: [18, 84] },
  { organisation: 'Riverside Primary Care Network – Social Prescribing', weight: 16, leaning: { 'wellbeing-activities': 4, 'community-care': 3, 'carers-assessment': 3, 'digital-inclusion': 2 }, ageRange: [25, 92] },
  { organisation: 'Riverside Borough Council – Housing Options', weight: 14, leaning: { housing: 0.4, debt: 1.5, 'food-support': 1.5 }, ageRange: [18, 70] },
  { organisation: 'Riverside Refugee and Migrant Forum', weight: 10, leaning: { immigration: 6, housing: 1.5, 'courses-training': 4, 'food-support': 1.5 }, ageRange: [18, 65] },
  { organisation: 'Riverside Mind', weight: 8, leaning: { 'wellbeing-activities': 0.5, employment: 3, 'job-search': 2, 'welfare-benefit': 1.4 }, ageRange: [18, 70] },
  { organisation: 'St Mary’s Primary School', weight: 7, leaning: { family: 6, 'food-support': 2, 'welfare-benefit': 1.2 }, ageRange: [22, 50] },
  { organisation: 'Riverside Housing Association', weight: 7, leaning: { debt: 1.5, 'utility-advice': 2.5, housing: 0.2 }, ageRange: [20, 88] },
]

/** A sentence of the need per issue; an intake with several issues joins them. */
export const needs: Record<string, string[]> = {
  debt: ['Behind on rent and council tax; bailiff letters arriving.', 'Several credit card and catalogue debts, paying what they can but it is not enough.', 'Priority debts after a drop in hours at work.', 'Owes an overpayment to the DWP and a payday loan.'],
  'welfare-benefit': ['Universal Credit sanctioned; needs help to challenge it.', 'PIP refused after assessment; wants to ask for mandatory reconsideration.', 'Not sure what they can claim after a change in circumstances.', 'Waiting five weeks for the first Universal Credit payment.'],
  housing: ['Section 21 notice received; has to leave within two months.', 'Damp and mould in the flat; landlord not responding.', 'Sofa surfing since a relationship ended.', 'Rent arrears and a possession hearing coming up.'],
  'food-support': ['No food in the house until payday.', 'Needs a food parcel this week; children at home.', 'Run out of money after a benefit delay.'],
  'wellbeing-activities': ['Isolated since bereavement; would like to meet people.', 'Low mood; wants something regular to get out of the house.', 'Recovering from illness and lost confidence.'],
  'utility-advice': ['Prepayment meter keeps running out; self-disconnecting.', 'Energy arrears and a warrant letter from the supplier.', 'Needs help with the Priority Services Register.'],
  'community-care': ['Struggling with stairs and personal care at home.', 'Recently out of hospital with no support in place.'],
  family: ['Parent under strain; school has concerns about attendance.', 'Needs parenting support and help with the children’s routines.'],
  immigration: ['Needs advice on leave to remain; current visa ends soon.', 'Wants help with an EU Settlement Scheme late application.', 'No recourse to public funds; asking what support is possible.'],
  employment: ['Dismissed without notice; wants to know their rights.', 'Owed holiday pay by a former employer.'],
  'carers-assessment': ['Caring full time for a parent; has never had a carer’s assessment.', 'Carer close to breaking point; needs a break.'],
  'digital-inclusion': ['Cannot manage the Universal Credit journal online.', 'Has no device or data; wants to learn the basics.'],
  'financial-capability': ['Wants help with budgeting and opening a bank account.', 'Would like a fairer loan than the doorstep lender.'],
  advocacy: ['Needs someone to speak up for them at meetings with the council.', 'Wants support to make a complaint.'],
  'courses-training': ['Wants to improve their English (ESOL).', 'Looking for a course to get back into work.'],
  'job-search': ['Looking for work after a long gap; needs a CV.', 'Wants help applying for jobs online.'],
  'volunteering-employment-activities': ['Would like to volunteer to build confidence.'],
  consumer: ['A faulty washing machine the shop will not replace.', 'Signed up to a contract on the doorstep and wants to cancel.'],
  'small-claims': ['A builder took a deposit and did not do the work.'],
}

export const urgentIssues = new Set(['housing', 'food-support', 'utility-advice'])

/** Why a referral was declined: receivers of paused services say "no capacity" far more than anything else. */
export const declineWeights: Record<DeclineReason, number> = {
  no_capacity: 45,
  not_eligible: 18,
  cannot_meet_need: 15,
  client_declined: 10,
  duplicate: 5,
  other: 7,
}

export const declineNotes: Record<DeclineReason, string[]> = {
  no_capacity: ['Caseworkers are full until next month; sorry.', 'Our waiting list is closed at the moment.', 'No appointments left this month.'],
  not_eligible: ['Outside our area: we only cover some postcodes.', 'This service is for people aged 60 and over.', 'We can only help council tenants.'],
  cannot_meet_need: ['This needs specialist advice we cannot give.', 'Better suited to a debt caseworker than our drop-in.'],
  client_declined: ['Client told us they no longer want the service.', 'Client has sorted it out with family.'],
  duplicate: ['We already have a referral open for this client.'],
  other: ['Please call us to discuss.', 'Needs a GP referral first.'],
}

/** Outcomes by the issue the referral was for; the first is the commonest. */
export const outcomesByIssue: Record<string, OutcomeCode[]> = {
  debt: ['debt_managed', 'casework_opened', 'advice_given'],
  'welfare-benefit': ['income_maximised', 'advice_given', 'casework_opened'],
  housing: ['eviction_prevented', 'housing_secured', 'advice_given', 'casework_opened'],
  'food-support': ['food_provided', 'food_provided', 'referred_on'],
  'utility-advice': ['advice_given', 'income_maximised', 'debt_managed'],
  immigration: ['casework_opened', 'advice_given'],
}
export const otherOutcomes: OutcomeCode[] = ['advice_given', 'advice_given', 'casework_opened', 'referred_on', 'other']

export const closingNotes: Partial<Record<OutcomeCode, string[]>> = {
  debt_managed: ['Debt relief order approved.', 'Breathing space in place and a payment plan agreed with creditors.', 'Council tax arrears on an affordable arrangement.'],
  income_maximised: ['Mandatory reconsideration successful; award backdated.', 'Now claiming Pension Credit and Attendance Allowance.', 'Council tax support applied for and awarded.'],
  eviction_prevented: ['Possession claim adjourned; arrears being paid.', 'Landlord agreed to withdraw the notice.'],
  housing_secured: ['Moved into a one-bedroom flat with the housing association.', 'Placed in supported accommodation.'],
  food_provided: ['Three food parcels over three weeks, plus toiletries.', 'Food parcel and a fuel voucher given.'],
  advice_given: ['Advice given; client feels able to sort it out now.', 'Two appointments; letters written for the client.'],
  casework_opened: ['Case opened with a caseworker; ongoing.', 'Taken on for full casework.'],
  referred_on: ['Passed to a specialist service better placed to help.'],
  client_withdrew: ['Client decided not to continue after the first meeting.'],
  other: ['Closed after a final call with the client.'],
}

export const contactNotes = [
  'Spoke to the client by phone; appointment booked.',
  'Client called back after our text; first session arranged.',
  'Met the client at the drop-in.',
  'Reached the client on the second try; home visit booked.',
  'Phoned with an interpreter; assessment done.',
]
export const unableToContactNotes = ['Three calls, a text and a letter; no reply.', 'Number not recognised and no reply to the letter.', 'Several tries over two weeks; voicemail full.']
export const withdrawalNotes = ['Client found help elsewhere.', 'Client moved out of the area.', 'Sent in error: wrong service chosen.', 'Client’s situation has changed and they no longer need it.']
export const acceptanceNotes = [null, null, null, 'Allocated to a caseworker.', 'Will call the client this week.']

/** Exchanges between the two organisations: [from the sender, the receiver's reply]. */
export const conversations: [string, string][] = [
  ['Client says mornings are best; she works afternoons.', 'Thanks, we will call before noon.'],
  ['Could you let us know once you have been in touch? The client is anxious about it.', 'Spoke to them today; all booked in.'],
  ['The client has a hearing on the 14th, so this is quite urgent.', 'Understood, we have moved it up the list.'],
  ['Is there anything we can do while they wait?', 'A food bank voucher would help in the meantime.'],
  ['Client has a new phone number; please use the one on the record now.', 'Got it, thank you.'],
  ['We have tried twice with no answer; is there a better time to call?', 'Evenings, apparently: she is on shifts.'],
]
