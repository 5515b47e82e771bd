import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import { termName } from '../taxonomy/term-name.js'
import { escapeHtml } from '../../../platform/views/escape-html.js'
import { paragraphsHtml, tagHtml } from './html.js'
import { weekdays } from './listings.schemas.js'
import type { ServiceDisplay } from './listings.service.js'
import { longDate } from '../../../platform/i18n/date-format.js'

/** The full listing as GOV.UK summary cards: each section a card of key/value rows. */

interface Row {
  key: { text: string }
  value: { text?: string; html?: string }
}

const row = (key: string, value: { text?: string; html?: string }): Row => ({ key: { text: key }, value })
const listHtml = (items: string[]): string =>
  items.length === 1 ? escapeHtml(items[0]) : `<ul class="govuk-list">${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`

function ageText(t: Translate, minimum: number | null, maximum: number | null): string {
  if (minimum !== null && maximum !== null) return t('directory:listing.ageRange', { minimum, maximum })
  if (minimum !== null) return t('directory:listing.ageFrom', { minimum })
  if (maximum !== null) return t('directory:listing.ageUpTo', { maximum })
  return t('directory:listing.anyAge')
}

function areaText(t: Translate, display: ServiceDisplay): string[] {
  const { service } = display
  const parts: string[] = []
  if (service.areaDistricts.length) parts.push(t('directory:listing.districts', { districts: service.areaDistricts.join(', ') }))
  if (service.areaRadiusKm !== null) {
    parts.push(t('directory:listing.radius', { km: service.areaRadiusKm, postcode: service.areaCentrePostcode ?? '' }))
  }
  return parts.length ? parts : [t('directory:listing.wholeNetwork')]
}

const hhmm = (value: string | null): string => (value ?? '').slice(0, 5)

/** "Monday: 09:00 to 17:00", in weekday order; rules we cannot read as a weekday are shown by their description. */
function openingTimes(t: Translate, display: ServiceDisplay): string[] {
  const lines: { order: number; text: string }[] = []
  for (const schedule of display.schedules) {
    const days = (schedule.byday ?? '').split(',').filter((day) => (weekdays as readonly string[]).includes(day))
    const times = schedule.opensAt && schedule.closesAt ? t('directory:listing.opensToCloses', { opens: hhmm(schedule.opensAt), closes: hhmm(schedule.closesAt) }) : ''
    if (days.length && times) {
      for (const day of days) lines.push({ order: weekdays.indexOf(day as (typeof weekdays)[number]), text: `${t(`directory:days.${day}`)}: ${times}` })
    } else if (schedule.description || times) {
      lines.push({ order: 99, text: [schedule.description, times].filter(Boolean).join(' ') })
    }
  }
  return lines.sort((a, b) => a.order - b.order).map((line) => line.text)
}

export function servicePage(t: Translate, lang: Language, display: ServiceDisplay) {
  const { service } = display
  const notGiven = { text: t('directory:notGiven') }
  const orNotGiven = (items: string[]) => (items.length ? { html: listHtml(items) } : notGiven)
  const yesNoUnknown = service.acceptsNrpf === null ? t('directory:listing.nrpfUnknown') : service.acceptsNrpf ? t('directory:yes') : t('directory:no')

  const about = [
    row(t('directory:listing.description'), service.description ? { html: paragraphsHtml(service.description) } : notGiven),
    row(t('directory:listing.issues'), orNotGiven(display.terms.map((term) => termName(term, lang)))),
    row(
      t('directory:listing.costs'),
      orNotGiven([
        ...(service.fees ? [service.fees] : []),
        ...display.costOptions.map((cost) =>
          [cost.option, cost.amount !== null ? `£${cost.amount.toFixed(2)}` : null, cost.amountDescription].filter(Boolean).join(' – '),
        ),
      ]),
    ),
    row(t('directory:listing.website'), service.url ? { html: `<a class="govuk-link" href="${escapeHtml(service.url)}">${escapeHtml(service.url)}</a>` } : notGiven),
  ]

  const whoFor = [
    row(t('directory:listing.ages'), { text: ageText(t, service.minimumAge, service.maximumAge) }),
    row(t('directory:listing.area'), { html: listHtml(areaText(t, display)) }),
    row(t('directory:listing.nrpf'), { text: yesNoUnknown }),
    row(
      t('directory:listing.households'),
      service.householdTypes.length ? { html: listHtml(service.householdTypes.map((type) => t(`directory:households.${type}`))) } : { text: t('directory:listing.anyHousehold') },
    ),
  ]

  const howToRefer = [
    row(t('directory:listing.referralCriteria'), service.referralCriteria ? { html: paragraphsHtml(service.referralCriteria) } : notGiven),
    row(t('directory:listing.howContacts'), service.howServiceContactsClients ? { text: service.howServiceContactsClients } : notGiven),
    row(t('directory:listing.contactTime'), {
      text: t(display.usesNetworkSla ? 'directory:listing.contactTimeDefault' : 'directory:listing.contactTimeOwn', { count: display.contactSlaDays }),
    }),
  ]

  const access = [
    row(t('directory:listing.channels'), orNotGiven(service.deliveryChannels.map((channel) => t(`directory:channels.${channel}`)))),
    row(t('directory:listing.languages'), orNotGiven(service.languages.map((code) => t(`directory:languages.${code}`, { defaultValue: code })))),
    row(t('directory:listing.interpreting'), service.interpreting ? { text: service.interpreting } : notGiven),
  ]

  const locations = display.locations.map((location) => ({
    title: location.name ?? location.address?.address1 ?? t('directory:listing.location'),
    rows: [
      row(
        t('directory:listing.address'),
        location.address
          ? { html: [location.address.address1, location.address.address2, location.address.city, location.address.postalCode].filter(Boolean).map((line) => escapeHtml(line as string)).join('<br>') }
          : notGiven,
      ),
      ...(location.accessibility.length ? [row(t('directory:listing.accessibility'), { html: listHtml(location.accessibility) })] : []),
    ],
  }))

  const contact = [
    ...display.contacts.map((person) =>
      row(t('directory:listing.contactPerson'), { html: listHtml([[person.name, person.title].filter(Boolean).join(', '), ...(person.email ? [person.email] : []), ...person.phones]) }),
    ),
    row(t('directory:listing.phone'), orNotGiven(display.phones.map((phone) => [phone.number, phone.extension ? `ext. ${phone.extension}` : null, phone.description].filter(Boolean).join(' ')))),
    row(t('directory:listing.email'), service.email ? { html: `<a class="govuk-link" href="mailto:${escapeHtml(service.email)}">${escapeHtml(service.email)}</a>` } : notGiven),
  ]

  const listing = [
    row(t('directory:listing.lastReviewed'), {
      html: escapeHtml(longDate(service.lastReviewedAt, lang)) + (display.stale ? ` ${tagHtml(t('directory:listing.staleTag'), 'orange')}` : ''),
    }),
    row(t('directory:listing.verified'), {
      text: service.verifiedAt
        ? t('directory:listing.verifiedBy', { name: service.verifiedByName ?? t('directory:listing.coordinator'), date: longDate(service.verifiedAt, lang) })
        : t('directory:listing.notVerified'),
    }),
  ]

  const capacity = {
    status: service.capacityStatus,
    reason: service.pausedReason,
    reopening: service.expectedReopening ? longDate(service.expectedReopening, lang) : null,
    waitingList: service.waitingList,
    changedAt: service.capacityChangedAt ? longDate(service.capacityChangedAt, lang) : null,
    places: display.capacities.map((item) => t('directory:listing.places', { available: item.available, maximum: item.maximum ?? '?', unit: item.unit })),
  }

  return { about, whoFor, howToRefer, access, locations, openingTimes: openingTimes(t, display), contact, listing, capacity }
}
