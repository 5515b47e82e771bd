import autocannon from 'autocannon'

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
 * Drives HTTP load with autocannon, cycling through `paths` (so lookups and searches vary), and records each
 * response's time itself: autocannon's summary stops at p97.5, the targets are stated as p95.
 */
export function measureHttp(name: string, base: string, paths: string[], options: LoadOptions, headers: Record<string, string> = {}): Promise<Figure> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = []
    let errors = 0
    let next = 0
    const instance = autocannon(
      {
        url: base,
        connections: options.connections,
        duration: options.durationSeconds,
        headers,
        requests: [
          {
            setupRequest: (request) => {
              request.path = paths[next++ % paths.length]
              return request
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error)
        resolve(figureFrom(name, latencies, options.durationSeconds, errors + result.errors))
      },
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime)
      if (statusCode < 200 || statusCode >= 300) errors += 1
    })
  })
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
