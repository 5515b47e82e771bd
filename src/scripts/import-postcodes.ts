import { createReadStream, existsSync } from 'node:fs'
import { runScript } from './run-script.js'
import { importOnsPostcodes, OnsLayoutError, type ImportSummary } from '../modules/directory/postcodes/ons-import.js'

/** `npm run import:postcodes -- FILE.csv`: loads postcode centroids from the ONS Postcode Directory CSV. */
const file = process.argv[2]
if (!file || !existsSync(file)) {
  process.stderr.write('Usage: npm run import:postcodes -- ONSPD_FILE.csv\n')
  process.exit(2)
}

runScript(
  'The postcodes could not be imported',
  async ({ database }) => {
    const summary = await importOnsPostcodes(database.db, createReadStream(file))
    process.stdout.write(describe(summary))
  },
  [OnsLayoutError],
)

function describe(summary: ImportSummary): string {
  const lines = [`Loaded ${summary.loaded} postcodes; skipped ${summary.skipped} rows.`]
  const why: Record<string, string> = {
    'invalid-postcode': 'not a valid postcode',
    terminated: 'terminated (doterm is set)',
    'no-grid-reference': 'no grid reference (lat 99.999999)',
    'bad-coordinates': 'latitude or longitude out of range',
  }
  for (const [reason, entry] of Object.entries(summary.reasons)) {
    const more = entry.count > entry.lines.length ? ', …' : ''
    lines.push(`  ${entry.count} ${why[reason] ?? reason}: lines ${entry.lines.join(', ')}${more}`)
  }
  return `${lines.join('\n')}\n`
}
