import type { Translate } from '../i18n/i18n.js'

export interface Page<T> {
  rows: T[]
  total: number
  page: number
  perPage: number
}

export function totalPages(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage))
}

/**
 * Parameters for govukPagination: previous/next and a window of numbered pages with ellipses,
 * each link keeping the rest of the query (filters) and changing only `page`.
 */
export function paginationView(
  page: { page: number; total: number; perPage: number },
  path: string,
  query: Record<string, string | undefined>,
  t: Translate,
): Record<string, unknown> | null {
  const pages = totalPages(page.total, page.perPage)
  if (pages <= 1) return null
  const href = (n: number): string => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '' && key !== 'page') params.set(key, value)
    if (n > 1) params.set('page', String(n))
    const search = params.toString()
    return search ? `${path}?${search}` : path
  }
  const shown = new Set([1, pages, page.page - 1, page.page, page.page + 1].filter((n) => n >= 1 && n <= pages))
  const items: Record<string, unknown>[] = []
  let previous = 0
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (n - previous > 1) items.push({ ellipsis: true })
    items.push({ number: n, href: href(n), current: n === page.page })
    previous = n
  }
  return {
    landmarkLabel: t('common:pagination.label'),
    previous: page.page > 1 ? { href: href(page.page - 1), labelText: t('common:pagination.previous') } : undefined,
    next: page.page < pages ? { href: href(page.page + 1), labelText: t('common:pagination.next') } : undefined,
    items,
  }
}
