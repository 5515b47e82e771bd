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

const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales')

/** Each file src/locales/<lang>/<namespace>.json is one namespace, so each module owns its own strings. */
function loadResources(): Resource {
  const resources: Resource = {}
  for (const language of languages) {
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
    supportedLngs: [...languages],
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

export type Translate = TFunction

export function translator(language: Language): Translate {
  return getI18n().getFixedT(language)
}
