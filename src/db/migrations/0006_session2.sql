CREATE TABLE "directory_versions" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_versions" ADD CONSTRAINT "directory_versions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_incoming_open_idx" ON "referrals" USING btree ("to_organisation_id","contact_due_on") WHERE status in ('sent', 'received', 'accepted', 'in_progress');--> statement-breakpoint
CREATE INDEX "referrals_outgoing_open_idx" ON "referrals" USING btree ("from_organisation_id","contact_due_on") WHERE status in ('sent', 'received', 'accepted', 'in_progress');--> statement-breakpoint
CREATE INDEX "referrals_incoming_due_idx" ON "referrals" USING btree ("to_organisation_id","contact_due_on");--> statement-breakpoint
CREATE INDEX "referrals_outgoing_due_idx" ON "referrals" USING btree ("from_organisation_id","contact_due_on");--> statement-breakpoint
CREATE INDEX "referrals_incoming_sent_idx" ON "referrals" USING btree ("to_organisation_id","sent_at");--> statement-breakpoint
CREATE INDEX "referrals_outgoing_service_idx" ON "referrals" USING btree ("from_organisation_id","service_id");--> statement-breakpoint
CREATE INDEX "referrals_overdue_idx" ON "referrals" USING btree ("network_id","contact_due_on") WHERE status in ('sent', 'received', 'accepted');