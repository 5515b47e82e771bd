import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ConfigError, loadConfig } from '../config.js'
import { openDatabase } from '../db/client.js'
import { createServices } from '../services.js'

/**
 * `npm run directory:export -- --network SLUG --format json|csv OUT`: JSON writes one file of fully nested services;
 * CSV writes the spec's tables into the folder OUT.
 */
function usage(): never {
  process.stderr.write('Usage: npm run directory:export -- --network SLUG --format json|csv OUT\n')
  process.exit(2)
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const slug = option(args, '--network')
  const format = option(args, '--format') ?? 'json'
  const out = args.filter((arg, i) => !arg.startsWith('--') && !['--network', '--format'].includes(args[i - 1] ?? ''))[0]
  if (!slug || !out || !['json', 'csv'].includes(format)) usage()
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 })
  try {
    await database.migrate()
    const services = createServices({ db: database.db, database, config, now: () => new Date() })
    const networkId = await services.oruk.networkIdBySlug(slug).catch(() => {
      throw new Error(`There is no network called ${slug}`)
    })
    if (format === 'json') {
      const listings = await services.oruk.exports.json(networkId)
      writeFileSync(out, `${JSON.stringify(listings, null, 2)}\n`)
      process.stdout.write(`${listings.length} services written to ${out}\n`)
    } else {
      mkdirSync(out, { recursive: true })
      const tables = await services.oruk.exports.csv(networkId)
      for (const [name, content] of Object.entries(tables)) writeFileSync(path.join(out, name), content)
      process.stdout.write(`${Object.keys(tables).length} CSV tables written to ${out}\n`)
    }
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `The export failed: ${error instanceof Error ? error.message : String(error)}`
  process.stderr.write(`${message}\n`)
  process.exit(1)
})
