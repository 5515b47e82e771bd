import { randomUUID } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import autocannon from 'autocannon'

/*
 * The load generator, on a thread of its own (measure.ts's `runLoad` starts it): autocannon parsing answers on the
 * server's own event loop would be counted as the server's time. Records each answer's time and status itself
 * (autocannon's summary stops at p97.5; the targets are stated as p95).
 */

export type LoadRequests =
  /** GETs cycling through `paths`, so lookups and searches vary. */
  | { kind: 'get'; paths: string[]; headers: Record<string, string> }
  /** POSTs of the send form, each with its own intake (cycled) and a new idempotency key. */
  | { kind: 'send'; cookie: string; csrf: string; intakeIds: string[]; serviceIds: string[] }

export interface LoadSpec {
  base: string
  connections: number
  durationSeconds: number
  requests: LoadRequests
}

export interface LoadResult {
  latencies: number[]
  statuses: Record<number, number>
  /** Connection errors and timeouts, which have no status. */
  errors: number
}

function requestsOf(requests: LoadRequests): autocannon.Request[] {
  let next = 0
  if (requests.kind === 'get') {
    const { paths } = requests
    return [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }]
  }
  const { cookie, csrf, intakeIds, serviceIds } = requests
  return [
    {
      method: 'POST',
      setupRequest: (request) => {
        const index = next++
        return {
          ...request,
          path: `/intakes/${intakeIds[index % intakeIds.length]}/send`,
          headers: { ...request.headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, key: randomUUID(), service: serviceIds[index % serviceIds.length] }).toString(),
        }
      },
    },
  ]
}

function run(spec: LoadSpec): void {
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  const instance = autocannon(
    {
      url: spec.base,
      connections: spec.connections,
      duration: spec.durationSeconds,
      headers: spec.requests.kind === 'get' ? spec.requests.headers : {},
      requests: requestsOf(spec.requests),
    },
    (error, result) => {
      if (error) throw error
      const answer: LoadResult = { latencies, statuses, errors: result.errors + result.timeouts }
      parentPort?.postMessage(answer)
    },
  )
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime)
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
  })
}

run(workerData as LoadSpec)
