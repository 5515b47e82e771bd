import { authorise } from '../../../platform/access/policy.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import { NotFoundError } from '../../../platform/errors.js'
import type { FieldError } from '../../../platform/forms/forms.js'
import { ukDate } from '../../../platform/i18n/date-format.js'
import { translator } from '../../../platform/i18n/i18n.js'
import type { ServiceDependencies } from '../../../services.js'
import { offeredTerms } from '../../directory/taxonomy/taxonomy.service.js'
import { termName } from '../../directory/taxonomy/term-name.js'
import { networkById } from '../../networks/networks.service.js'
import { bankHolidaysIn, type Nation } from '../../referrals/sla/working-days.js'
import type { HubTable } from '../hub-table.js'
import {
  districtsOf,
  findSnapshot,
  markRefreshed,
  measureSnapshot,
  refreshState,
  saveSnapshot,
  type Snapshot,
  serviceNames,
  termNames,
  networksWithReferrals,
  organisationChoices,
  organisationName,
  refreshFacts,
  type FactFilter,
} from './dashboard.repository.js'
import { hubQueryString, parseHubQuery, type HubFilters } from './dashboard.schemas.js'
import * as measure from './measures.js'
import type { Figure, MeasureContext } from './measures.js'

/** A titled group of figures: the dashboard's sections, and the impact report's pages. */
export interface HubSection {
  id: string
  title: string
  figures: Figure[]
}

export interface HubPage {
  scope: 'network' | 'organisation'
  organisationId: string | null
  organisationName: string | null
  filters: HubFilters
  /** What the filter form shows back. */
  values: Record<string, string>
  errors: FieldError[]
  /** The filters as a query string, for the export links. */
  query: string
  dataAsOf: Date
  sections: HubSection[]
  choices: {
    issues: { id: string; name: string }[]
    organisations: { id: string; name: string }[]
    districts: string[]
  }
}

/** What the exports need (exports.service's HubTableSet): the very tables of the page, flattened. */
export interface HubTableSet {
  tables: HubTable[]
  period: { from: string; to: string }
  filters: Record<string, unknown>
  organisationId?: string | null
}

const firstYearOfFacts = 2015
/** How far before the last watermark the roll-up looks again, for commits that landed late. */
const lookBackMs = 24 * 60 * 60 * 1000

function tablesOf(sections: HubSection[]): HubTable[] {
  return sections.flatMap((section) => section.figures.map((figure) => ('table' in figure ? figure.table : figure)))
}

/** Results per network, filters and language, valid until the roll-up next runs (its time is in the key). */
const cacheLimit = 200

export function createDashboardService(deps: ServiceDependencies) {
  const { db } = deps
  const cache = new Map<string, Promise<HubSection[]>>()
  // Bumped by each refresh in this process, so cached results never outlive the facts they came from.
  let generation = 0

  async function refreshNetwork(networkId: string, nation: Nation): Promise<number> {
    const now = deps.now()
    const derived = await db.transaction(async (tx) => {
      const state = await refreshState(tx, networkId)
      // A referral stamped in the future (an import, a clock ahead) must not push the watermark past today.
      const upTo = (at: Date | null): Date | null => (at && at > now ? now : at)
      const watermark = upTo(state?.watermark ?? null)
      const since = watermark ? new Date(watermark.getTime() - lookBackMs) : null
      const result = await refreshFacts(tx, networkId, bankHolidaysIn(nation, firstYearOfFacts, now.getUTCFullYear() + 1), since)
      await markRefreshed(tx, networkId, now, upTo(result.watermark), result.count > 0)
      return result.count
    })
    if (derived > 0) generation += 1
    return derived
  }

  /**
   * When the roll-up last ran, and the version of its facts (the latest referral change taken in, which moves only
   * when facts change); derives them first if this network has never been rolled up.
   */
  async function factsAsOf(networkId: string): Promise<{ dataAsOf: Date; version: Date }> {
    let state = await refreshState(db, networkId)
    if (!state) {
      const network = await networkById(db, networkId)
      if (!network) throw new NotFoundError()
      await refreshNetwork(networkId, network.nation)
      state = await refreshState(db, networkId)
    }
    const dataAsOf = state?.refreshedAt ?? deps.now()
    return { dataAsOf, version: state?.watermark ?? dataAsOf }
  }

  /** The page's counts: stored with the facts they came from and shared by every process, or made now and stored. */
  async function snapshotFor(base: Omit<MeasureContext, 'data'>, main: 'either' | 'to', dataAsOf: Date): Promise<Snapshot> {
    const { filter } = base
    const key = JSON.stringify([main, filter.organisationId ?? null, filter.organisationType ?? null, filter.district ?? null, filter.issueId ?? null, filter.from, filter.to, base.granularity, base.today])
    const stored = await findSnapshot(db, filter.networkId, key, dataAsOf)
    if (stored) return stored
    const made = await measureSnapshot(db, filter, { main, granularity: base.granularity, today: base.today, listed: measure.complianceListed })
    await saveSnapshot(db, filter.networkId, key, dataAsOf, made)
    return made
  }

  /** After a roll-up: the network dashboard's default views (by month and by week), made ahead of the first visitor. */
  async function prepareDefaultViews(networkId: string): Promise<void> {
    const state = await refreshState(db, networkId)
    if (!state) return
    const version = state.watermark ?? state.refreshedAt
    const today = ukDate(deps.now())
    const { filters } = parseHubQuery({}, today)
    for (const by of ['month', 'week'] as const) {
      const base = { db, t: translator('en'), lang: 'en' as const, filter: factFilter(networkId, filters, null), granularity: by, today, now: deps.now(), narrowed: false }
      await snapshotFor(base, 'either', version)
    }
  }

  function cached(key: string, build: () => Promise<HubSection[]>): Promise<HubSection[]> {
    const hit = cache.get(key)
    if (hit) return hit
    const made = build()
    cache.set(key, made)
    made.catch(() => cache.delete(key))
    if (cache.size > cacheLimit) cache.delete(cache.keys().next().value as string)
    return made
  }

  // The filters' choices change with the directory and the roll-up: kept per network, language and roll-up time.
  const choiceCache = new Map<string, Promise<HubPage['choices']>>()

  function choices(networkId: string, lang: string, dataAsOf: Date): Promise<HubPage['choices']> {
    const key = JSON.stringify([networkId, lang, dataAsOf.toISOString(), generation])
    const hit = choiceCache.get(key)
    if (hit) return hit
    const made = (async () => {
      const [terms, organisations, districts] = await Promise.all([offeredTerms(db, networkId), organisationChoices(db, networkId), districtsOf(db, networkId)])
      return { issues: terms.map((term) => ({ id: term.id, name: termName(term, lang) })), organisations, districts }
    })()
    choiceCache.set(key, made)
    made.catch(() => choiceCache.delete(key))
    if (choiceCache.size > cacheLimit) choiceCache.delete(choiceCache.keys().next().value as string)
    return made
  }

  function factFilter(networkId: string, filters: HubFilters, organisationId: string | null): FactFilter {
    return {
      networkId,
      from: filters.from,
      to: filters.to,
      district: filters.area,
      issueId: filters.issue,
      organisationType: organisationId ? undefined : filters.organisationType,
      organisationId: organisationId ?? filters.organisation,
    }
  }

  /** One scan of the facts for the page, then the names its rows need. */
  async function measureData(base: Omit<MeasureContext, 'data'>, main: 'either' | 'to', organisations: { id: string; name: string }[], dataAsOf: Date): Promise<MeasureContext> {
    const snapshot = await snapshotFor(base, main, dataAsOf)
    const [terms, services] = await Promise.all([
      termNames(db, base.filter.networkId),
      serviceNames(db, base.filter.networkId, snapshot.complianceByService.map((row) => row.id)),
    ])
    return {
      ...base,
      data: {
        snapshot,
        organisationNames: new Map(organisations.map((organisation) => [organisation.id, organisation.name])),
        termNames: new Map(terms.map((term) => [term.id, term])),
        serviceNames: new Map(services.map((service) => [service.id, service])),
      },
    }
  }

  async function networkSections(base: Omit<MeasureContext, 'data'>, organisations: { id: string; name: string }[], dataAsOf: Date): Promise<HubSection[]> {
    const [m, gapIssues, gapAreas, paused] = await Promise.all([
      measureData(base, 'either', organisations, dataAsOf),
      measure.gaps(base, 'issue'),
      measure.gaps(base, 'district'),
      measure.paused(base),
    ])
    const section = (id: string, figures: Figure[]): HubSection => ({ id, title: m.t(`intelligence:sections.${id}`), figures })
    return [
      section('demand', [measure.volume(m), measure.byIssue(m), measure.byArea(m)]),
      section('outcomes', [measure.acceptance(m), measure.outcomesByStatus(m), measure.declineReasons(m), measure.outcomes(m)]),
      section('response', [measure.response(m), measure.complianceOfOrganisations(m), measure.complianceOfServices(m)]),
      section('statutory', [measure.statutoryShare(m)]),
      section('gaps', [gapIssues, gapAreas, paused]),
      section('crisis', [measure.repeatCrisis(m)]),
      section('engagement', [await measure.engagement(m)]),
    ]
  }

  /** The organisation's own view: demand on its services and where it comes from, its response and outcomes. */
  async function organisationSections(base: Omit<MeasureContext, 'data'>, organisations: { id: string; name: string }[], dataAsOf: Date): Promise<HubSection[]> {
    const [m, paused] = await Promise.all([measureData(base, 'to', organisations, dataAsOf), measure.paused(base)])
    const section = (id: string, figures: Figure[]): HubSection => ({ id, title: m.t(`intelligence:sections.${id}`), figures })
    return [
      section('received', [measure.volume(m)]),
      section('partners', [measure.partners(m, 'to'), measure.partners(m, 'from')]),
      section('outcomes', [measure.acceptance(m), measure.outcomesByStatus(m), measure.outcomes(m), measure.declineReasons(m)]),
      section('response', [measure.response(m), measure.complianceOfServices(m)]),
      section('issues', [measure.byIssue(m), measure.byArea(m), paused]),
    ]
  }

  async function build(caller: Caller, query: unknown, scope: 'network' | 'organisation'): Promise<HubPage> {
    const { actor, context } = workingContext(caller)
    const networkId = context.networkId
    const today = ukDate(deps.now())
    const parsed = parseHubQuery(query, today)
    let organisationId: string | null = null
    if (scope === 'network') {
      authorise(actor, 'hub.view-network', { networkId })
    } else {
      // An organisation admin sees their own organisation; the coordinator may open any organisation's view.
      organisationId = (context.networkRoles.includes('coordinator') ? parsed.filters.organisation : undefined) ?? context.organisationId
      if (!organisationId) throw new NotFoundError()
      authorise(actor, 'hub.view-organisation', { networkId, organisationId })
    }
    const name = organisationId ? await organisationName(db, networkId, organisationId) : null
    if (organisationId && !name) throw new NotFoundError()
    const filters = scope === 'organisation' ? { ...parsed.filters, organisation: organisationId ?? undefined, organisationType: undefined } : parsed.filters
    const { dataAsOf, version } = await factsAsOf(networkId)
    const lang = caller.language
    const m: Omit<MeasureContext, 'data'> = {
      db,
      t: translator(lang),
      lang,
      filter: factFilter(networkId, filters, organisationId),
      granularity: filters.by,
      today,
      now: deps.now(),
      narrowed: scope === 'network' ? Boolean(filters.area || filters.organisation || filters.organisationType) : Boolean(filters.area),
    }
    const key = JSON.stringify([scope, networkId, organisationId, filters, lang, today, version.toISOString(), generation])
    const lists = await choices(networkId, lang, version)
    const sections = await cached(key, () => (scope === 'network' ? networkSections(m, lists.organisations, version) : organisationSections(m, lists.organisations, version)))
    return {
      scope,
      organisationId,
      organisationName: name,
      filters,
      values: parsed.values,
      errors: parsed.errors,
      query: hubQueryString(filters),
      dataAsOf,
      sections,
      choices: lists,
    }
  }

  function tableSet(page: HubPage): HubTableSet {
    const { from, to, ...rest } = page.filters
    return { tables: tablesOf(page.sections), period: { from, to }, filters: { from, to, ...rest }, organisationId: page.organisationId }
  }

  return {
    /** The network dashboard (coordinator, analyst): aggregates only. */
    network(caller: Caller, query: unknown): Promise<HubPage> {
      return build(caller, query, 'network')
    },

    /** The organisation view and impact report (its admin; the coordinator for any organisation). */
    organisation(caller: Caller, query: unknown): Promise<HubPage> {
      return build(caller, query, 'organisation')
    },

    /** Exactly the tables the network page shows for that query: for the exports. */
    async networkTables(caller: Caller, query: unknown): Promise<HubTableSet> {
      return tableSet(await build(caller, query, 'network'))
    },

    async organisationTables(caller: Caller, query: unknown): Promise<HubTableSet> {
      return tableSet(await build(caller, query, 'organisation'))
    },

    /** Derives the facts of referrals new or changed since the last run, in every network (the pg-boss job). */
    async refreshAll(): Promise<{ networks: number; referrals: number }> {
      let referrals = 0
      const networks = await networksWithReferrals(db)
      for (const network of networks) {
        referrals += await refreshNetwork(network.id, network.nation)
        await prepareDefaultViews(network.id)
      }
      return { networks: networks.length, referrals }
    },

    /** One network now (the demo load, tests). */
    async refresh(networkId: string): Promise<number> {
      const network = await networkById(db, networkId)
      if (!network) throw new NotFoundError()
      return refreshNetwork(networkId, network.nation)
    },
  }
}

export type DashboardService = ReturnType<typeof createDashboardService>
