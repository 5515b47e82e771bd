import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runScript } from './run-script.js'

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

const args = process.argv.slice(2)
const slug = option(args, '--network')
const format = option(args, '--format') ?? 'json'
const out = args.filter((arg, i) => !arg.startsWith('--') && !['--network', '--format'].includes(args[i - 1] ?? ''))[0]
if (!slug || !out || !['json', 'csv'].includes(format)) usage()

runScript('The export failed', async ({ services }) => {
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
})
