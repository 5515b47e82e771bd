import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import { dateFormat } from '../i18n/date-format.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/**
 * Templates are found by path from src/views, src/modules (so 'networks/views/x.njk'),
 * GOV.UK Frontend ('govuk/...') and MOJ Frontend ('moj/...').
 */
export const templatePaths = [
  path.join(root, 'src', 'views'),
  path.join(root, 'src', 'modules'),
  path.join(root, 'src', 'platform'),
  path.join(root, 'node_modules', 'govuk-frontend', 'dist'),
  path.join(root, 'node_modules', '@ministryofjustice', 'frontend'),
]

/** Filters every template may use. Called by @fastify/view once it has configured nunjucks. */
export function configureNunjucks(env: nunjucks.Environment): void {
  env.addFilter('date', (value: unknown, language = 'en') => formatDate(value, language, { dateStyle: 'long' }))
  env.addFilter('dateTime', (value: unknown, language = 'en') =>
    formatDate(value, language, { dateStyle: 'medium', timeStyle: 'short' }),
  )
}

export const nunjucksOptions = {
  autoescape: true,
  throwOnUndefined: false,
  trimBlocks: true,
  lstripBlocks: true,
  onConfigure: configureNunjucks,
}

function formatDate(value: unknown, language: string, options: Intl.DateTimeFormatOptions): string {
  if (value === null || value === undefined || value === '') return ''
  const date = value instanceof Date ? value : new Date(String(value))
  if (Number.isNaN(date.getTime())) return ''
  return dateFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { ...options, timeZone: 'Europe/London' }).format(
    date,
  )
}
