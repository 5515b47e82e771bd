import pg from 'pg'

/**
 * A pg client that prepares each parameterised statement once per connection (as postgres.js does by default),
 * so PostgreSQL parses it once and can reuse its plan: planning the work lists' queries cost more than running
 * them (decision 0017). Only statements with parameters are named: those already use the extended protocol and
 * are one statement each. A connection names at most `statementsPerConnection` different texts; the rest run
 * unnamed as before, so a stream of one-off texts cannot grow the server's memory without bound.
 */

export const statementsPerConnection = 300

type QueryConfig = { text: string; name?: string; values?: unknown[] }

function isPlainConfig(value: unknown): value is QueryConfig {
  return typeof value === 'object' && value !== null && typeof (value as QueryConfig).text === 'string' && typeof (value as { submit?: unknown }).submit !== 'function'
}

export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>()

  constructor(config?: string | pg.ClientConfig) {
    super(config)
    const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown
    // Every call passes through unchanged but for the name; pg's overloads can't be restated one by one.
    this.query = ((first: unknown, ...rest: unknown[]) => query.call(this, this.#named(first, rest), ...rest)) as pg.Client['query']
  }

  #named(first: unknown, rest: unknown[]): unknown {
    const values = Array.isArray(rest[0]) ? rest[0] : isPlainConfig(first) ? first.values : undefined
    if (!values || values.length === 0) return first
    if (typeof first === 'string') {
      const name = this.#nameFor(first)
      return name ? { text: first, name } : first
    }
    if (isPlainConfig(first) && !first.name) {
      const name = this.#nameFor(first.text)
      return name ? { ...first, name } : first
    }
    return first
  }

  #nameFor(text: string): string | undefined {
    const known = this.#names.get(text)
    if (known || this.#names.size >= statementsPerConnection) return known
    const name = `nwd_${this.#names.size}`
    this.#names.set(text, name)
    return name
  }
}
