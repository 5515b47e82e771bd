import { organisationTypes } from '../../../db/schema/index.js'
import { dateFormat } from '../../../platform/i18n/date-format.js'
import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import { presentFigures, type HubFigureView } from '../charts/hub-figure.presenter.js'
import type { HubPage } from './dashboard.service.js'

interface SelectItem {
  value: string
  text: string
  selected?: boolean
}

export interface HubPageView {
  page: HubPage
  action: string
  dataAsOf: string
  sections: { id: string; title: string; figures: HubFigureView[] }[]
  filters: {
    issues: SelectItem[]
    organisations: SelectItem[]
    organisationTypes: SelectItem[]
    granularity: SelectItem[]
    districts: string[]
  }
  links: { organisation: string | null; impact: string | null }
}

function select(all: string, options: { value: string; text: string }[], chosen: string | undefined): SelectItem[] {
  return [{ value: '', text: all }, ...options.map((option) => ({ ...option, selected: option.value === chosen }))]
}

/** The hub pages' view model: filters as GOV.UK select items, each figure ready for the hubFigure macro. */
export async function presentHubPage(t: Translate, lang: Language, page: HubPage, action: string): Promise<HubPageView> {
  const exportPath = action === '/hub' ? '/hub/export' : action === '/hub/organisation' ? '/hub/organisation/export' : null
  const sections = []
  for (const section of page.sections) {
    sections.push({ id: section.id, title: section.title, figures: await presentFigures(section.figures, { lang, exportPath, query: page.query }) })
  }
  const locale = lang === 'cy' ? 'cy-GB' : 'en-GB'
  const { filters, choices } = page
  const organisationQuery = page.scope === 'organisation' && page.organisationId ? `?${page.query}` : ''
  return {
    page,
    action,
    dataAsOf: dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(page.dataAsOf),
    sections,
    filters: {
      issues: select(t('intelligence:filters.allIssues'), choices.issues.map((issue) => ({ value: issue.id, text: issue.name })), filters.issue),
      organisations: select(t('intelligence:filters.allOrganisations'), choices.organisations.map((organisation) => ({ value: organisation.id, text: organisation.name })), filters.organisation),
      organisationTypes: select(
        t('intelligence:filters.allOrganisationTypes'),
        organisationTypes.enumValues.map((type) => ({ value: type, text: t(`networks:types.${type}`) })),
        filters.organisationType,
      ),
      granularity: (['month', 'week'] as const).map((by) => ({ value: by, text: t(`intelligence:filters.by.${by}`), selected: filters.by === by })),
      districts: choices.districts,
    },
    links: {
      organisation: page.scope === 'organisation' && action !== '/hub/organisation' ? `/hub/organisation${organisationQuery}` : null,
      impact: page.scope === 'organisation' && action !== '/hub/impact' ? `/hub/impact${organisationQuery}` : null,
    },
  }
}
