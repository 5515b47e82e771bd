-- A referral's history is evidence, like the audit log: events are added, never changed or removed.
CREATE FUNCTION referral_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'referral_events is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER referral_events_append_only
  BEFORE UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION referral_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER referral_events_no_truncate
  BEFORE TRUNCATE ON referral_events
  FOR EACH STATEMENT EXECUTE FUNCTION referral_events_refuse_change();
