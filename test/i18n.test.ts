import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const localesDir = path.join('src', 'locales')
type Tree = { [key: string]: string | string[] | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') entries.set(name, value)
    else if (Array.isArray(value)) value.forEach((item, index) => entries.set(`${name}.${index}`, item))
    else for (const [inner, text] of flatten(value, name)) entries.set(inner, text)
  }
  return entries
}

/** Plural forms differ by language (Welsh has six), so compare keys without their plural suffix. */
const withoutPlural = (key: string): string => key.replace(/_(zero|one|two|few|many|other)$/, '')
const keysOf = (strings: Map<string, string>): string[] => [...new Set([...strings.keys()].map(withoutPlural))].sort()

const read = (language: string, file: string): Map<string, string> =>
  flatten(JSON.parse(readFileSync(path.join(localesDir, language, file), 'utf8')) as Tree)

describe('translations', () => {
  const namespaces = readdirSync(path.join(localesDir, 'en')).filter((file) => file.endsWith('.json'))

  it.each(namespaces)('%s has the same strings in Welsh as in English', (file) => {
    const english = read('en', file)
    const welsh = read('cy', file)
    expect(keysOf(welsh)).toEqual(keysOf(english))
  })

  it.each(namespaces)('%s is translated, not copied: no longer English sentence is the same in Welsh', (file) => {
    const english = read('en', file)
    const welsh = read('cy', file)
    const copied = [...english].filter(([key, text]) => text.split(' ').length >= 4 && welsh.get(key) === text).map(([key]) => key)
    expect(copied).toEqual([])
  })
})
