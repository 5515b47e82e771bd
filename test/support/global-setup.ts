import { existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { openDatabase } from '../../src/db/client.js'

/** Runs once: builds the stylesheet if missing, and migrates a PostgreSQL server when DATABASE_URL is set. */
export default async function setup(): Promise<void> {
  if (!existsSync('public/build/app.css')) execFileSync('node', ['scripts/build-assets.mjs'], { stdio: 'inherit' })
  if (process.env.DATABASE_URL) {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 })
    await database.migrate()
    await database.close()
  }
}
