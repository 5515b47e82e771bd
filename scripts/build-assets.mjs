// Compiles our brand of GOV.UK Frontend (no crown, no GDS Transport) into public/build/app.css.
// Runs after `npm install`, so `npm start` and `npm test` find it ready.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'public', 'build')
mkdirSync(out, { recursive: true })
const result = sass.compile(path.join(root, 'src', 'views', 'styles', 'app.scss'), {
  // The root too: MOJ Frontend loads GOV.UK Frontend as "node_modules/govuk-frontend/…".
  loadPaths: [path.join(root, 'node_modules'), root],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin', 'slash-div'],
})
writeFileSync(path.join(out, 'app.css'), result.css)
console.log(`built public/build/app.css (${Math.round(result.css.length / 1024)} KB)`)

// The residents' pages (front door) load only this lean one: see public.scss.
const lean = sass.compile(path.join(root, 'src', 'views', 'styles', 'public.scss'), {
  loadPaths: [path.join(root, 'node_modules'), root],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin', 'slash-div'],
})
writeFileSync(path.join(out, 'public.css'), lean.css)
console.log(`built public/build/public.css (${Math.round(lean.css.length / 1024)} KB)`)
