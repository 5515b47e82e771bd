import { describe, expect, it } from 'vitest'
import { textWith, translator } from './i18n.js'

describe('translator', () => {
  it('gives each count its own plural form, asked again and again', () => {
    const t = translator('en')
    for (let round = 0; round < 2; round += 1) {
      expect(t('worklists:due.dueIn', { count: 1 })).toBe('Due in 1 working day')
      expect(t('worklists:due.dueIn', { count: 3 })).toBe('Due in 3 working days')
    }
    expect(translator('cy')('worklists:due.dueIn', { count: 2 })).toBe('Yn ddyledus ymhen 2 ddiwrnod gwaith')
  })

  it('does not reuse a count-only text when other options change it', () => {
    const t = translator('en')
    expect(t('worklists:fromOrganisation', { organisation: 'Riverside Foodbank' })).toContain('Riverside Foodbank')
    expect(t('worklists:fromOrganisation', { organisation: 'Hill Advice' })).toContain('Hill Advice')
    expect(t('worklists:due.dueIn', { count: 4, defaultValue: 'x' })).toBe('Due in 4 working days')
  })
})

describe('textWith', () => {
  it('puts each value into the translated sentence, in each language', () => {
    expect(textWith(translator('en'), 'worklists:fromOrganisation', 'organisation', 'Riverside Foodbank')).toBe('from Riverside Foodbank')
    expect(textWith(translator('en'), 'worklists:fromOrganisation', 'organisation', 'Hill $& Advice')).toBe('from Hill $& Advice')
    expect(textWith(translator('cy'), 'worklists:fromOrganisation', 'organisation', 'Hill')).toBe(translator('cy')('worklists:fromOrganisation', { organisation: 'Hill' }))
  })
})
