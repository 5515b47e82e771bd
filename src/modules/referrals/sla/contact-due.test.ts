import { describe, expect, it } from 'vitest'
import { contactDueState, dueSoonUntil, isDueSoon, isOverdue, workingDaysOverdue } from './contact-due.js'

describe('contact due', () => {
  const today = '2026-04-02' // Thursday before Easter

  it('is overdue once the due date has passed without contact being recorded', () => {
    expect(isOverdue({ status: 'sent', contactDueOn: '2026-04-01' }, today)).toBe(true)
    expect(isOverdue({ status: 'received', contactDueOn: '2026-04-01' }, today)).toBe(true)
    expect(isOverdue({ status: 'accepted', contactDueOn: '2026-04-01' }, today)).toBe(true)
    expect(isOverdue({ status: 'sent', contactDueOn: today }, today)).toBe(false)
  })

  it('is never overdue once the client was contacted or the referral closed', () => {
    for (const status of ['in_progress', 'completed', 'unable_to_contact', 'declined', 'withdrawn']) {
      expect(isOverdue({ status, contactDueOn: '2026-03-01' }, today)).toBe(false)
      expect(contactDueState({ status, contactDueOn: '2026-03-01' }, today, 'england')).toBe('not_awaiting')
    }
  })

  it('is due soon from today up to 2 working days ahead, counted in the network’s nation', () => {
    // From Thursday 2 April 2026: England's next 2 working days are Tuesday 7 and Wednesday 8 (Easter Monday off).
    expect(dueSoonUntil(today, 'england')).toBe('2026-04-08')
    expect(dueSoonUntil(today, 'scotland')).toBe('2026-04-07')
    expect(isDueSoon({ status: 'sent', contactDueOn: today }, today, 'england')).toBe(true)
    expect(isDueSoon({ status: 'sent', contactDueOn: '2026-04-08' }, today, 'england')).toBe(true)
    expect(isDueSoon({ status: 'sent', contactDueOn: '2026-04-08' }, today, 'scotland')).toBe(false)
    expect(isDueSoon({ status: 'sent', contactDueOn: '2026-04-01' }, today, 'england')).toBe(false)
    expect(isDueSoon({ status: 'in_progress', contactDueOn: today }, today, 'england')).toBe(false)
  })

  it('says which of overdue, due soon or on time', () => {
    expect(contactDueState({ status: 'sent', contactDueOn: '2026-03-31' }, today, 'england')).toBe('overdue')
    expect(contactDueState({ status: 'received', contactDueOn: '2026-04-07' }, today, 'england')).toBe('due_soon')
    expect(contactDueState({ status: 'accepted', contactDueOn: '2026-04-09' }, today, 'england')).toBe('on_time')
  })

  it('counts working days overdue, skipping weekends and bank holidays', () => {
    expect(workingDaysOverdue('2026-04-01', '2026-04-02', 'england')).toBe(1)
    // Due Thursday 2 April; on Tuesday 7 April England has lost 1 working day (Tuesday), Scotland 2 (Monday, Tuesday).
    expect(workingDaysOverdue('2026-04-02', '2026-04-07', 'england')).toBe(1)
    expect(workingDaysOverdue('2026-04-02', '2026-04-07', 'scotland')).toBe(2)
    expect(workingDaysOverdue('2026-04-02', '2026-04-02', 'england')).toBe(0)
  })
})
