import type { DatabaseHandle } from '../../src/db/client.js'
import { loadActor } from '../../src/platform/access/actor.js'
import type { Services } from '../../src/services.js'
import { choiceFor } from '../../src/modules/referrals/referrals/candidates.js'
import type { Figure, LoadOptions } from '../measure.js'
import { figureFrom, runLoad } from '../measure.js'

/*
 * Sustained referral creation: fresh intakes (client, consent in force, the debt issue) in the signed-in referrer's
 * organisation, each sent to one service that the real sending page offers as fitting, through the real POST
 * /intakes/:id/send (CSRF, idempotency key, search of candidates, consent check, referral, event, notifications).
 */

export interface CreationSetup {
  intakeIds: string[]
  serviceIds: string[]
}

/** `count` intakes with consent, all the same circumstances, so one sending page tells which services fit them all. */
export async function prepareCreation(
  database: DatabaseHandle,
  services: Services,
  who: { networkId: string; organisationId: string; userId: string; postcode: string; debtTermId: string },
  count: number,
): Promise<CreationSetup> {
  const sql = database.executeSql.bind(database)
  const run = `${Date.now().toString(36)}`
  const params = [who.networkId, who.organisationId, who.userId, run, who.postcode]
  await sql(
    `insert into clients (id, network_id, organisation_id, name, date_of_birth, phone, postcode, preferred_contact_method, nrpf, created_by)
     select overlay(overlay(md5('bench-send:' || $4::text || ':c:' || g) placing '4' from 13) placing '8' from 17)::uuid, $1::uuid, $2::uuid, 'Sending Bench ' || g, date '1980-05-17', '07700 900123', $5::text, 'phone', false, $3::uuid
     from generate_series(0, ${count - 1}) g`,
    params,
  )
  await sql(
    `insert into consents (network_id, client_id, method, given_at, recorded_by, recorded_by_organisation_id, purpose, expires_on)
     select $1::uuid, overlay(overlay(md5('bench-send:' || $4::text || ':c:' || g) placing '4' from 13) placing '8' from 17)::uuid, 'verbal', now() - interval '1 hour', $3::uuid, $2::uuid, 'To refer them for help', (now() + interval '365 days')::date
     from generate_series(0, ${count - 1}) g`,
    params.slice(0, 4),
  )
  await sql(
    `insert into intakes (id, network_id, organisation_id, client_id, need, created_by)
     select overlay(overlay(md5('bench-send:' || $4::text || ':i:' || g) placing '4' from 13) placing '8' from 17)::uuid, $1::uuid, $2::uuid, overlay(overlay(md5('bench-send:' || $4::text || ':c:' || g) placing '4' from 13) placing '8' from 17)::uuid, 'Behind on rent and council tax.', $3::uuid
     from generate_series(0, ${count - 1}) g`,
    params.slice(0, 4),
  )
  const { rows } = await sql(
    `insert into intake_issues (intake_id, term_id) select overlay(overlay(md5('bench-send:' || $1::text || ':i:' || g) placing '4' from 13) placing '8' from 17)::uuid, $2::uuid from generate_series(0, ${count - 1}) g returning intake_id`,
    [run, who.debtTermId],
  )
  const intakeIds = (rows as { intake_id: string }[]).map((row) => row.intake_id)
  const caller = { actor: await loadActor(database.db, who.userId), language: 'en' as const }
  const page = await services.referrals.sending.sendingPage(caller, intakeIds[0])
  const serviceIds = page.candidates.forNeed.filter((candidate) => choiceFor(candidate) === 'fits').map((candidate) => candidate.serviceId)
  return { intakeIds, serviceIds }
}

/**
 * POSTs the send form from `connections` clients for the duration, each with its own intake and a new idempotency
 * key; a 303 to the confirmation is a referral made, anything else an error. Each intake is sent once.
 */
export async function measureSending(name: string, base: string, cookie: string, csrf: string, setup: CreationSetup, options: LoadOptions): Promise<Figure> {
  if (setup.serviceIds.length === 0 || setup.intakeIds.length === 0) {
    return { name, requestsPerSecond: 0, p50: 0, p95: 0, p99: 0, errors: 0, skipped: 'not measured: the sending page offered no fitting service' }
  }
  const result = await runLoad({
    base,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    requests: { kind: 'send', cookie, csrf, intakeIds: setup.intakeIds, serviceIds: setup.serviceIds },
  })
  const made = result.statuses[303] ?? 0
  const errors = result.latencies.length - made + result.errors
  if (errors > 0) process.stderr.write(`${name}: answers by status ${JSON.stringify(result.statuses)}\n`)
  // Throughput here is referrals made: only the answers that were a referral count.
  return { ...figureFrom(name, result.latencies, options.durationSeconds, errors), requestsPerSecond: Math.round(made / options.durationSeconds) }
}
