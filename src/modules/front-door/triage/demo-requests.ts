import type { Executor } from '../../../db/client.js'
import { offeredTerms } from '../../directory/taxonomy/taxonomy.service.js'
import { addWorkingDays, ukDate } from '../../referrals/sla/working-days.js'
import { consentWordingVersion } from '../ask/ask.schemas.js'
import { findMembership, hasRequests, insertRequests, type RequestRow } from './triage.repository.js'

/*
 * The demo network's front door: a handful of requests in English, Welsh, Arabic, Polish and Bengali, some waiting
 * more than two working days, one taken by phone for someone like Jim, one claimed and one closed. Everyone is
 * invented. Added once: a network that already has requests gets none.
 */

/** Tom Walsh at Riverside Citizens Advice, one of the demo's front-door organisations. */
const frontDoorWorker = 'tom.walsh@riverside.example'

/** The morning `count` working days before `now` (England's bank holidays). */
function workingDaysBefore(now: Date, count: number): Date {
  return new Date(`${addWorkingDays(ukDate(now), -count, 'england')}T10:00:00Z`)
}

type DemoRequest = Pick<RequestRow, 'reference' | 'name' | 'language' | 'need'> &
  Partial<RequestRow> & { issues: string[]; workingDaysAgo: number; by?: 'phone' | 'claimed' | 'closed' }

const demoRequests: DemoRequest[] = [
  {
    reference: 'H-7K3M9Q',
    name: 'Jim Hargreaves',
    language: 'en',
    need: 'I can’t manage the stairs any more and I’m frightened of the heating bill this winter. I live on my own.',
    issues: ['community-care', 'utility-advice'],
    postcode: 'E1 6AN',
    phone: '01632 960118',
    contactMethod: 'phone',
    contactTimes: 'Mornings, before 12',
    safeToLeaveMessage: true,
    contactDifficulties: 'Hard of hearing: let it ring a long time and speak slowly. No email or mobile.',
    workingDaysAgo: 3,
    by: 'phone',
  },
  {
    reference: 'H-4TR8VX',
    name: 'Mohammed Al-Sayed',
    language: 'ar',
    interpreterNeeded: true,
    need: 'أحتاج إلى طعام حلال لي ولأخي. لا نستطيع العمل ولا نحصل على أي مال من الحكومة.',
    issues: ['food-support', 'immigration'],
    postcode: 'E1 7QX',
    phone: '07700 900412',
    contactMethod: 'text',
    safeToLeaveMessage: false,
    contactDifficulties: 'أقرأ القليل من الإنجليزية فقط. الرسائل النصية أفضل من المكالمات.',
    workingDaysAgo: 1,
  },
  {
    reference: 'H-9PZ2KD',
    name: 'Katarzyna Nowak',
    language: 'pl',
    need: 'Mam zaległości w czynszu od dwóch miesięcy i dostałam list od właściciela. Boję się, że stracę mieszkanie.',
    issues: ['housing', 'debt'],
    phone: '07700 900233',
    email: 'k.nowak@example.org',
    contactMethod: 'email',
    contactTimes: 'Po 17:00',
    safeToLeaveMessage: true,
    workingDaysAgo: 4,
  },
  {
    reference: 'H-6BW3NH',
    name: 'Rahima Begum',
    language: 'bn',
    interpreterNeeded: true,
    need: 'আমার স্বামী অসুস্থ এবং আমি সারাদিন তার দেখাশোনা করি। আমার নিজের জন্য একটু সাহায্য দরকার।',
    issues: ['carers-assessment'],
    postcode: 'E1 2BB',
    phone: '07700 900789',
    contactMethod: 'phone',
    contactTimes: 'After 4pm',
    safeToLeaveMessage: false,
    contactDifficulties: 'Shares a phone with her husband',
    workingDaysAgo: 0,
  },
  {
    reference: 'H-3CY7MF',
    name: 'Gareth Jones',
    language: 'cy',
    need: 'Mae ein biliau ynni wedi dyblu ac rydyn ni’n methu talu. Hoffwn gael cyngor am help gyda’r biliau.',
    issues: ['utility-advice', 'financial-capability'],
    email: 'gareth.jones@example.org',
    contactMethod: 'email',
    safeToLeaveMessage: true,
    workingDaysAgo: 2,
  },
  {
    reference: 'H-8DG5RA',
    name: 'Sarah Mitchell',
    language: 'en',
    need: 'My Universal Credit was cut and I have a letter about council tax arrears.',
    issues: ['debt', 'welfare-benefit'],
    postcode: 'E2 8DY',
    phone: '07700 900655',
    contactMethod: 'phone',
    contactTimes: 'Any time on weekdays',
    safeToLeaveMessage: true,
    workingDaysAgo: 1,
    by: 'claimed',
  },
  {
    reference: 'H-2HX9TE',
    name: 'Daniel Okoro',
    language: 'en',
    need: 'Help finding work.',
    issues: ['job-search'],
    phone: '07700 900977',
    contactMethod: 'phone',
    safeToLeaveMessage: null,
    workingDaysAgo: 6,
    by: 'closed',
  },
]

export async function seedDemoFrontDoorRequests(tx: Executor, options: { networkId: string; now: Date }): Promise<{ requestsAdded: number }> {
  if (await hasRequests(tx, options.networkId)) return { requestsAdded: 0 }
  const worker = await findMembership(tx, options.networkId, frontDoorWorker)
  if (!worker) throw new Error(`demo front-door worker ${frontDoorWorker} is missing`)
  const termIds = new Map((await offeredTerms(tx, options.networkId)).map((term) => [term.code, term.id]))
  const rows = demoRequests.map(({ issues, workingDaysAgo, by, ...request }) => {
    const createdAt = workingDaysBefore(options.now, workingDaysAgo)
    const later = new Date(createdAt.getTime() + 2 * 3_600_000)
    return {
      networkId: options.networkId,
      channel: by === 'phone' ? ('phone' as const) : ('online' as const),
      consentMethod: by === 'phone' ? ('verbal' as const) : ('online' as const),
      consentGivenAt: createdAt,
      consentWordingVersion,
      issueTermIds: issues.map((code) => termIds.get(code)).filter((id): id is string => !!id),
      recordedByUserId: by === 'phone' ? worker.userId : null,
      recordedByOrganisationId: by === 'phone' ? worker.organisationId : null,
      ...(by === 'claimed' || by === 'closed'
        ? { status: by, claimedByUserId: worker.userId, claimedByOrganisationId: worker.organisationId, claimedAt: later }
        : { status: 'new' as const }),
      ...(by === 'closed' ? { closedAt: later, closeReason: 'could_not_contact', closeNote: 'Called three times on different days; no answer and no voicemail.' } : {}),
      createdAt,
      updatedAt: later,
      ...request,
    }
  })
  await insertRequests(tx, rows)
  return { requestsAdded: rows.length }
}
