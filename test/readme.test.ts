import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { configVariables } from '../src/config.js'

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8')

  it('documents every configuration variable, and only those', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1])
    expect([...documented].sort()).toEqual([...configVariables].sort())
  })

  it('shows the two commands a newcomer needs', () => {
    expect(readme).toContain('npm install && npm start')
    expect(readme).toContain('npm test')
  })
})
