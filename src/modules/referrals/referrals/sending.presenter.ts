import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import { presentResult, type TagView } from '../../directory/search/search.presenter.js'
import { termName } from '../../directory/taxonomy/taxonomy.service.js'
import { choiceFor, type Candidate, type Candidates, type Choice } from './candidates.js'
import type { SendingProblem } from './dispatch.js'
import type { SentReferral } from './sending.service.js'
import { longDate } from '../../../platform/i18n/date-format.js'

/** The sending and re-routing pages: each candidate service as a card the referrer can tick (or not). */

export interface CandidateCard {
  serviceId: string
  inputId: string
  name: string
  href: string
  organisationName: string
  summary: string
  capacity: string
  tags: TagView[]
  choice: Choice
  checked: boolean
  justificationId: string
  justification: string
  justificationError?: { text: string }
}

export interface KeptChoices {
  chosen: string[]
  justifications: Record<string, string>
}

export interface ProblemsView {
  list: { text: string; href: string }[]
  byField: Record<string, { text: string }>
}

export function presentProblems(problems: SendingProblem[], t: Translate, firstInputId = 'service'): ProblemsView {
  const list = problems.map((problem) => ({
    text: t(problem.message, problem.params ?? {}),
    href: `#${problem.field === 'service' ? firstInputId : problem.field}`,
  }))
  const byField: Record<string, { text: string }> = {}
  problems.forEach((problem, index) => {
    byField[problem.field] ??= { text: list[index].text }
  })
  return { list, byField }
}

export function presentCandidates(candidates: Candidates, t: Translate, lang: Language, kept: KeptChoices, problems: ProblemsView) {
  let first = true
  const card = (candidate: Candidate): CandidateCard => {
    const result = presentResult(candidate, candidates.terms, t, lang)
    const choice = choiceFor(candidate)
    const inputId = choice !== 'unavailable' && first ? 'service' : `service-${candidate.serviceId}`
    if (choice !== 'unavailable') first = false
    const justificationId = `justification-${candidate.serviceId}`
    return {
      serviceId: candidate.serviceId,
      inputId,
      name: candidate.name,
      href: result.href,
      organisationName: candidate.organisationName,
      summary: result.summary,
      capacity: result.capacity,
      tags: result.tags,
      choice,
      checked: kept.chosen.includes(candidate.serviceId),
      justificationId,
      justification: kept.justifications[candidate.serviceId] ?? '',
      justificationError: problems.byField[justificationId],
    }
  }
  const forNeed = candidates.forNeed.map(card)
  return {
    fitting: forNeed.filter((item) => item.choice === 'fits'),
    needsJustification: forNeed.filter((item) => item.choice === 'justify'),
    unavailable: forNeed.filter((item) => item.choice === 'unavailable'),
    byName: candidates.byName.map(card),
    anyChoice: [...candidates.forNeed, ...candidates.byName].some((candidate) => choiceFor(candidate) !== 'unavailable'),
  }
}

export function issueNames(candidates: Candidates, issueIds: string[], lang: Language): string[] {
  return candidates.terms.filter((term) => issueIds.includes(term.id)).map((term) => termName(term, lang))
}

export function presentSent(referrals: SentReferral[], lang: Language) {
  return referrals.map((referral) => ({ ...referral, href: `/referrals/${referral.id}`, due: longDate(referral.contactDueOn, lang) }))
}
