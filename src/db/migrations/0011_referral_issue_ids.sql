-- Work lists filter by issue (decision 0023): a referral carries its intake's issues, which never change once the
-- intake is recorded, so the open tabs' indexes can hold them.
DROP INDEX "referrals_incoming_open_idx";--> statement-breakpoint
DROP INDEX "referrals_outgoing_open_idx";--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "issue_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
-- Every way a referral is made (sending, re-routing, the demo, imports) gets the same copy. Should intakes ever
-- let their issues be edited, that edit must update issue_ids of the intake's referrals too.
CREATE FUNCTION referrals_copy_intake_issues() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.issue_ids := coalesce((SELECT array_agg(term_id ORDER BY term_id) FROM intake_issues WHERE intake_id = NEW.intake_id), '{}');
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER referrals_intake_issues
  BEFORE INSERT ON referrals
  FOR EACH ROW EXECUTE FUNCTION referrals_copy_intake_issues();--> statement-breakpoint
UPDATE "referrals" r SET "issue_ids" = i.ids
  FROM (SELECT intake_id, array_agg(term_id ORDER BY term_id) AS ids FROM intake_issues GROUP BY intake_id) i
  WHERE i.intake_id = r.intake_id;--> statement-breakpoint
CREATE INDEX "referrals_incoming_open_idx" ON "referrals" USING btree ("to_organisation_id","contact_due_on","status","network_id","issue_ids") WHERE status in ('sent', 'received', 'accepted', 'in_progress');--> statement-breakpoint
CREATE INDEX "referrals_outgoing_open_idx" ON "referrals" USING btree ("from_organisation_id","contact_due_on","status","network_id","issue_ids") WHERE status in ('sent', 'received', 'accepted', 'in_progress');
