import type { Language, Translate } from '../../platform/i18n/i18n.js'
import { paginationView } from '../../platform/views/pagination.js'
import type { NotificationRow } from './notifications.repository.js'
import { formatMoment, notificationText, type NotificationParams } from './notification-text.js'
import { emailFrequencyValues } from './notifications.schemas.js'

export interface NotificationsPage {
  rows: NotificationRow[]
  total: number
  unread: number
  page: number
  perPage: number
}

/** Each notification as the list shows it: what happened, when, whether it is new, and where it leads. */
export function notificationItems(t: Translate, language: Language, view: NotificationsPage) {
  return view.rows.map((row) => ({
    id: row.id,
    text: notificationText(t, row.kind, row.params as NotificationParams),
    when: formatMoment(row.createdAt, language),
    unread: row.readAt === null,
    href: `/notifications/${row.id}`,
  }))
}

export function notificationsPagination(t: Translate, view: NotificationsPage) {
  return paginationView(view, '/notifications', { page: String(view.page) }, t)
}

export function frequencyItems(t: Translate, chosen: string | undefined) {
  return emailFrequencyValues.map((value) => ({
    value,
    text: t(`notifications:preferences.options.${value}.label`),
    hint: { text: t(`notifications:preferences.options.${value}.hint`) },
    checked: value === chosen,
  }))
}
