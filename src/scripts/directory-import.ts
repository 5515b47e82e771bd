import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { runScript } from './run-script.js'
import type { ImportProblem } from '../modules/directory/oruk/oruk-import.read.js'

/**
 * `npm run directory:import -- --network SLUG FILE|FOLDER`: imports Open Referral UK JSON (a file) or CSV (a file or a
 * folder of the spec's CSV tables) into a network. All or nothing: any problem is listed and nothing is saved.
 */
function usage(): never {
  process.stderr.write('Usage: npm run directory:import -- --network SLUG FILE.json|FILE.csv|FOLDER\n')
  process.exit(2)
}

function filesFrom(target: string): { name: string; content: Buffer }[] {
  if (statSync(target).isDirectory()) {
    return readdirSync(target)
      .filter((name) => /\.(csv|json)$/i.test(name))
      .sort()
      .map((name) => ({ name, content: readFileSync(path.join(target, name)) }))
  }
  return [{ name: path.basename(target), content: readFileSync(target) }]
}

const where = (problem: ImportProblem): string =>
  [problem.file, problem.line !== undefined ? `line ${problem.line}` : problem.path, problem.field].filter(Boolean).join(', ')

const args = process.argv.slice(2)
const at = args.indexOf('--network')
const slug = at >= 0 ? args[at + 1] : undefined
const target = args.filter((_, i) => i !== at && i !== at + 1)[0]
if (!slug || !target) usage()

runScript('The import failed', async ({ services }) => {
  const networkId = await services.oruk.networkIdBySlug(slug).catch(() => {
    throw new Error(`There is no network called ${slug}`)
  })
  const report = await services.oruk.imports.importFiles(networkId, filesFrom(target))
  for (const warning of report.warnings) process.stdout.write(`Note: ${where(warning)}: ${warning.message}\n`)
  if (!report.ok) {
    for (const error of report.errors) process.stderr.write(`${where(error)}: ${error.message}\n`)
    process.stderr.write(`\nNothing was imported: ${report.errors.length} problem(s) to fix first.\n`)
    process.exitCode = 1
    return
  }
  for (const [table, count] of Object.entries(report.counts)) process.stdout.write(`${table}: ${count.created} added, ${count.updated} updated\n`)
})
