-- Work lists (decision 0014): organisation ids are tied to the network id, which the planner can't see from
-- per-column statistics; without this it combines the 200,000-row network index with the organisation's.
CREATE STATISTICS IF NOT EXISTS referrals_organisations_stats (dependencies) ON network_id, from_organisation_id, to_organisation_id FROM referrals;--> statement-breakpoint
ANALYZE referrals;
