import type { DatabaseHandle } from '../../src/db/client.js'

/*
 * 2,000,000 referrals over the bench networks, generated inside PostgreSQL (INSERT … SELECT generate_series), so
 * seeding takes a few minutes instead of hours. Per network: clients, one consent each, intakes at 1.2 per client
 * with one issue each, and referrals at 1.5 per intake. Sending and receiving are skewed, as in a real network:
 * organisation n of a network gets a share falling with n, so the first organisation (the one the bench signs in
 * to) is a big advice centre with some 25,000 referrals each way. Ages spread over 18 months; those sent in the
 * last fortnight are mostly open, older ones mostly closed, a few long overdue. No events: the lists don't read them.
 * Ids come from md5 of the network and a row number (with uuid version 4 bits set, so the pages' id checks accept
 * them), so rows find their parents without joins; a network that already has its referrals is skipped, so
 * re-runs with BENCH_REUSE=1 seed nothing.
 */

export interface BenchReferralNetwork {
  id: string
  organisationIds: string[]
  termIds: Record<string, string>
}

/** A uniform number in [0, 1) from a text, the same every time: md5's first 32 bits. */
const unit = (text: string): string => `(('x' || substr(md5(${text}), 1, 8))::bit(32)::bigint / 4294967296.0)`
/** An organisation position skewed towards 0: position 0 gets (1/count)^(1/3) of all, about 13% of 500. */
const skewed = (text: string, count: string): string => `least(${count} - 1, floor(${count} * power(${unit(text)}, 3)))::int`

const given = `array['Amina','John','Priya','Tomasz','Grace','Mohammed','Sarah','Kwame','Elena','David','Fatima','Liam','Mei','Omar','Chloe','Ravi','Joan','Ahmed','Sophie','Piotr']`
const family = `array['Smith','Khan','Nowak','Okafor','Jones','Patel','Brown','Ali','Taylor','Mensah','Wilson','Begum','Evans','Chen','Hughes','Ahmed','Kowalski','Walker','Hassan','Wright']`

/** The organisations of a network with their position and a member who records things for them. */
const organisationsOf = `
  o as (
    select t.id, (t.pos - 1)::int as pos,
      (select m.user_id from memberships m where m.organisation_id = t.id order by m.user_id limit 1) as user_id
    from unnest($2::uuid[]) with ordinality as t(id, pos)
  )`

export async function seedBenchReferrals(database: DatabaseHandle, networks: BenchReferralNetwork[], total: number): Promise<{ seconds: number; skipped: boolean }> {
  const started = Date.now()
  const sql = database.executeSql.bind(database)
  const perNetwork = Math.ceil(total / networks.length)
  const intakeCount = Math.ceil(perNetwork / 1.5)
  const clientCount = Math.ceil(intakeCount / 1.2)
  let skipped = true
  for (const network of networks) {
    const { rows } = await sql(`select count(*)::int as n from referrals where network_id = $1::uuid`, [network.id])
    if ((rows[0] as { n: number }).n >= perNetwork) continue
    skipped = false
    const organisations = String(network.organisationIds.length)
    const clientPosition = (client: string): string => skewed(`'c' || ${client}`, organisations)
    const params = [network.id, network.organisationIds]

    await sql(
      `with ${organisationsOf}
       insert into clients (id, network_id, organisation_id, name, date_of_birth, phone, postcode, preferred_contact_method, created_by, created_at, updated_at)
       select overlay(overlay(md5($1::text || ':c:' || g) placing '4' from 13) placing '8' from 17)::uuid, $1::uuid, o.id, (${given})[1 + g % 20] || ' ' || (${family})[1 + (g / 20) % 20] || ' ' || g,
         date '1940-01-01' + (g * 7919 % 25000), '07700 9' || lpad((g % 100000)::text, 5, '0'), 'ZA1 1AA', 'phone', o.user_id,
         now() - interval '1 day' * (548 * ${unit(`'t' || g`)}), now()
       from generate_series(0, ${clientCount - 1}) g join o on o.pos = ${clientPosition('g')}
       on conflict do nothing`,
      params,
    )
    await sql(
      `with ${organisationsOf}
       insert into consents (id, network_id, client_id, method, given_at, recorded_by, recorded_by_organisation_id, purpose, expires_on)
       select overlay(overlay(md5($1::text || ':k:' || g) placing '4' from 13) placing '8' from 17)::uuid, $1::uuid, overlay(overlay(md5($1::text || ':c:' || g) placing '4' from 13) placing '8' from 17)::uuid, 'verbal', now() - interval '30 days', o.user_id, o.id,
         'To refer them for help', (now() + interval '335 days')::date
       from generate_series(0, ${clientCount - 1}) g join o on o.pos = ${clientPosition('g')}
       on conflict do nothing`,
      params,
    )
    // Intake i belongs to client floor(i × clients / intakes), so to that client's organisation.
    await sql(
      `with ${organisationsOf}
       insert into intakes (id, network_id, organisation_id, client_id, need, urgency, created_by, created_at)
       select overlay(overlay(md5($1::text || ':i:' || s.g) placing '4' from 13) placing '8' from 17)::uuid, $1::uuid, o.id, overlay(overlay(md5($1::text || ':c:' || s.c) placing '4' from 13) placing '8' from 17)::uuid, 'Behind on rent and council tax.',
         (case when s.g % 10 = 0 then 'urgent' else 'standard' end)::urgency, o.user_id, now() - interval '1 day' * (548 * ${unit(`'t' || s.g`)})
       from (select g, (g::bigint * ${clientCount} / ${intakeCount})::int as c from generate_series(0, ${intakeCount - 1}) g) s
       join o on o.pos = ${clientPosition('s.c')}
       on conflict do nothing`,
      params,
    )
    await sql(
      `insert into intake_issues (intake_id, term_id)
       select overlay(overlay(md5($1::text || ':i:' || g) placing '4' from 13) placing '8' from 17)::uuid, ($2::uuid[])[1 + g % array_length($2::uuid[], 1)]
       from generate_series(0, ${intakeCount - 1}) g
       on conflict do nothing`,
      [network.id, Object.values(network.termIds)],
    )
    await sql(referralsInsert(perNetwork, intakeCount, clientCount, organisations), params)
  }
  if (!skipped) await sql('analyze clients; analyze consents; analyze intakes; analyze intake_issues; analyze referrals')
  return { seconds: (Date.now() - started) / 1000, skipped }
}

/** Referral r carries intake floor(r × intakes / referrals) and goes to a service chosen with the same skew. */
function referralsInsert(count: number, intakeCount: number, clientCount: number, organisations: string): string {
  const age = `(548 * ${unit(`'t' || r.r`)})`
  const roll = unit(`'s' || r.r`)
  // Sent in the last fortnight: mostly open. Older: mostly closed, a few long overdue (accepted, never contacted).
  const status = `(case when ${age} < 14 then
      case when ${roll} < 0.2 then 'sent' when ${roll} < 0.35 then 'received' when ${roll} < 0.6 then 'accepted' when ${roll} < 0.9 then 'in_progress' else 'completed' end
    else
      case when ${roll} < 0.75 then 'completed' when ${roll} < 0.85 then 'declined' when ${roll} < 0.92 then 'unable_to_contact' when ${roll} < 0.96 then 'withdrawn' when ${roll} < 0.99 then 'in_progress' else 'accepted' end
    end)`
  return `
    with ${organisationsOf},
    s as (
      select sv.id, sv.organisation_id, (row_number() over (order by o.pos, sv.id) - 1)::int as k
      from services sv join o on o.id = sv.organisation_id where sv.network_id = $1::uuid
    ),
    n as (select count(*)::int as services from s),
    r as (
      select r, (r::bigint * ${intakeCount} / ${count})::int as i, now() - interval '1 day' * ${age} as sent_at, ${status}::referral_status as status
      from generate_series(0, ${count - 1}) r
    )
    insert into referrals (id, network_id, reference, intake_id, client_id, from_organisation_id, from_user_id, service_id, to_organisation_id,
      status, urgency, contact_sla_days, contact_due_on, idempotency_key, sent_at, received_at, accepted_at, contacted_at, closed_at, outcome,
      decline_reason, updated_at)
    select overlay(overlay(md5($1::text || ':r:' || r.r) placing '4' from 13) placing '8' from 17)::uuid, $1::uuid, 'B' || lpad(r.r::text, 7, '0'), overlay(overlay(md5($1::text || ':i:' || r.i) placing '4' from 13) placing '8' from 17)::uuid,
      overlay(overlay(md5($1::text || ':c:' || (r.i::bigint * ${clientCount} / ${intakeCount})::int) placing '4' from 13) placing '8' from 17)::uuid, o.id, o.user_id, s.id, s.organisation_id,
      r.status, (case when r.i % 10 = 0 then 'urgent' else 'standard' end)::urgency, 8, (r.sent_at + interval '12 days')::date,
      'bench:' || r.r, r.sent_at,
      case when r.status <> 'sent' then r.sent_at + interval '1 day' end,
      case when r.status in ('accepted', 'in_progress', 'completed', 'unable_to_contact') then r.sent_at + interval '2 days' end,
      case when r.status in ('in_progress', 'completed') then r.sent_at + interval '5 days' end,
      case when r.status in ('completed', 'declined', 'unable_to_contact', 'withdrawn') then r.sent_at + interval '9 days' end,
      case when r.status = 'completed' then 'advice_given' end,
      case when r.status = 'declined' then 'no_capacity' end,
      r.sent_at + interval '9 days'
    from r
    cross join n
    join o on o.pos = ${skewed(`'c' || (r.i::bigint * ${clientCount} / ${intakeCount})::int`, organisations)}
    join s on s.k = ${skewed(`'v' || r.r`, 'n.services')}
    on conflict do nothing`
}
