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

/**
 * The translate function of a language, built once. Strings looked up with no options are remembered: the strings
 * are loaded once at start, and a results page asks for the same few hundred times.
 */
export function translator(language: PublicLanguage): Translate {
  const built = translators.get(language)
  if (built) return built
  const fixed = getI18n().getFixedT(language)
  const plain = new Map<string, string>()
  const t = ((...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === 'string') {
      const key = args[0]
      let text = plain.get(key)
      if (text === undefined) {
        text = (fixed as unknown as (key: string) => string)(key)
        // Bounded, in case a key is ever built from what a user typed.
        if (plain.size < 5000) plain.set(key, text)
      }
      return text
    }
    return (fixed as unknown as (...rest: unknown[]) => unknown)(...args)
  }) as unknown as Translate
  translators.set(language, t)
  return t
}
