import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import i18next, { type Resource, type TFunction, type i18n } from 'i18next'

export const languages = ['en', 'cy'] as const
export type Language = (typeof languages)[number]
export const defaultLanguage: Language = 'en'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

/** Residents' pages (the front door) also speak community languages; staff pages stay English and Welsh. */
export const publicLanguages = ['en', 'cy', 'bn', 'pl', 'ar'] as const
export type PublicLanguage = (typeof publicLanguages)[number]

export function isPublicLanguage(value: unknown): value is PublicLanguage {
  return typeof value === 'string' && (publicLanguages as readonly string[]).includes(value)
}

const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales')

/** Each file src/locales/<lang>/<namespace>.json is one namespace, so each module owns its own strings. */
function loadResources(): Resource {
  const resources: Resource = {}
  for (const language of publicLanguages) {
    resources[language] = {}
    for (const file of readdirSync(path.join(localesDir, language))) {
      if (!file.endsWith('.json')) continue
      resources[language][path.basename(file, '.json')] = JSON.parse(
        readFileSync(path.join(localesDir, language, file), 'utf8'),
      )
    }
  }
  return resources
}

let instance: i18n | undefined

export function getI18n(): i18n {
  if (instance) return instance
  const resources = loadResources()
  instance = i18next.createInstance()
  void instance.init({
    initAsync: false,
    resources,
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    supportedLngs: [...publicLanguages],
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

export type Translate = TFunction

const translators = new Map<PublicLanguage, Translate>()

/** Options that are only a whole-number count: the text depends on nothing else, so it can be remembered too. */
function countOnly(options: unknown): number | undefined {
  if (typeof options !== 'object' || options === null) return undefined
  const keys = Object.keys(options)
  const count = (options as { count?: unknown }).count
  return keys.length === 1 && Number.isInteger(count) ? (count as number) : undefined
}

/**
 * The translate function of a language, built once. Strings looked up with no options, or with only a count, are
 * remembered: the strings are loaded once at start, and a list page asks for the same few hundred times.
 */
export function translator(language: PublicLanguage): Translate {
  const built = translators.get(language)
  if (built) return built
  const fixed = getI18n().getFixedT(language) as unknown as (...rest: unknown[]) => string
  const known = new Map<string, string>()
  // Bounded, in case a key is ever built from what a user typed.
  const remembered = (id: string, translate: () => string): string => {
    let text = known.get(id)
    if (text === undefined) {
      text = translate()
      if (known.size < 5000) known.set(id, text)
    }
    return text
  }
  const t = ((...args: unknown[]) => {
    const key = args[0]
    if (typeof key === 'string' && args.length === 1) return remembered(key, () => fixed(key))
    const count = args.length === 2 && typeof key === 'string' ? countOnly(args[1]) : undefined
    if (count !== undefined) return remembered(`${key}\u0000${count}`, () => fixed(key, { count }))
    return fixed(...args)
  }) as unknown as Translate
  translators.set(language, t)
  return t
}

const slots = new WeakMap<Translate, Map<string, string[]>>()
const slot = '\u0000'

/**
 * A text with one value put in, translated once per language and key: a list page puts an organisation's name into
 * the same sentence 25 times, and interpolating each time was a good part of the page's cost.
 */
export function textWith(t: Translate, key: string, option: string, value: string): string {
  let byKey = slots.get(t)
  if (!byKey) slots.set(t, (byKey = new Map()))
  const id = `${key}${slot}${option}`
  let parts = byKey.get(id)
  if (!parts) byKey.set(id, (parts = (t(key, { [option]: slot }) as string).split(slot)))
  return parts.join(value)
}
