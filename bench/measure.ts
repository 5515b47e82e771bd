import { Worker } from 'node:worker_threads'
import type { LoadResult, LoadSpec } from './load-worker.js'

/** One line of the report: throughput and latency percentiles computed from every recorded response. */
export interface Figure {
  name: string
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  errors: number
  /** Why there is no figure (the endpoint is not there yet), instead of a misleading one. */
  skipped?: string
}

/** The q-th percentile (0–100) of latencies in ms, nearest-rank. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))
  return sorted[rank]
}

export function figureFrom(name: string, latencies: number[], seconds: number, errors: number): Figure {
  const sorted = [...latencies].sort((a, b) => a - b)
  const round = (value: number): number => Math.round(value * 10) / 10
  return {
    name,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    errors,
  }
}

export interface LoadOptions {
  connections: number
  durationSeconds: number
}

/**
 * Runs the load on a worker thread (load-worker.ts), so that generating requests and parsing answers does not take
 * the server's event loop; the server still shares the machine's cores with it, as with any load generator here.
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // A worker does not inherit tsx's loader: it imports the TypeScript file through tsx's API.
    const file = new URL('./load-worker.ts', import.meta.url).href
    const worker = new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(file)}, ${JSON.stringify(file)}))`, { eval: true, workerData: spec })
    worker.once('message', (result: LoadResult) => resolve(result))
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator stopped with code ${code}`))
    })
  })
}

/** GET load cycling through `paths` (so lookups and searches vary); any answer but a 2xx is an error. */
export async function measureHttp(name: string, base: string, paths: string[], options: LoadOptions, headers: Record<string, string> = {}): Promise<Figure> {
  const result = await runLoad({ base, connections: options.connections, durationSeconds: options.durationSeconds, requests: { kind: 'get', paths, headers } })
  const failed = Object.entries(result.statuses).reduce((sum, [status, count]) => (Number(status) >= 200 && Number(status) < 300 ? sum : sum + count), 0)
  return figureFrom(name, result.latencies, options.durationSeconds, failed + result.errors)
}

/** Calls `work` from `concurrency` loops for the duration, timing each call: the service without HTTP or HTML. */
export async function measureCalls(name: string, work: (index: number) => Promise<unknown>, options: LoadOptions): Promise<Figure> {
  const latencies: number[] = []
  let errors = 0
  let index = 0
  const until = performance.now() + options.durationSeconds * 1000
  const loop = async (): Promise<void> => {
    while (performance.now() < until) {
      const started = performance.now()
      try {
        await work(index++)
        latencies.push(performance.now() - started)
      } catch {
        errors += 1
      }
    }
  }
  await Promise.all(Array.from({ length: options.connections }, loop))
  return figureFrom(name, latencies, options.durationSeconds, errors)
}

/** The report as a markdown table, each figure's throughput also as a ratio of the bare indexed lookup's. */
export function markdownTable(figures: Figure[], baselineName: string): string {
  const baseline = figures.find((figure) => figure.name === baselineName)
  const lines = [
    `| what | req/s | p50 ms | p95 ms | p99 ms | errors | req/s vs bare indexed lookup |`,
    `|---|---|---|---|---|---|---|`,
  ]
  for (const figure of figures) {
    if (figure.skipped) {
      lines.push(`| ${figure.name} | – | – | – | – | – | ${figure.skipped} |`)
      continue
    }
    const ratio = baseline && baseline.requestsPerSecond > 0 ? (figure.requestsPerSecond / baseline.requestsPerSecond).toFixed(2) : '–'
    lines.push(`| ${figure.name} | ${figure.requestsPerSecond} | ${figure.p50} | ${figure.p95} | ${figure.p99} | ${figure.errors} | ${ratio} |`)
  }
  return lines.join('\n')
}
