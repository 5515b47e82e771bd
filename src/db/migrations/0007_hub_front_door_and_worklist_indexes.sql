CREATE TYPE "public"."outbox_channel" AS ENUM('email', 'sms');--> statement-breakpoint
CREATE TYPE "public"."front_door_channel" AS ENUM('online', 'phone');--> statement-breakpoint
CREATE TYPE "public"."front_door_status" AS ENUM('new', 'claimed', 'converted', 'closed');--> statement-breakpoint
CREATE TABLE "front_door_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"language" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "front_door_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"channel" "front_door_channel" NOT NULL,
	"status" "front_door_status" DEFAULT 'new' NOT NULL,
	"language" text NOT NULL,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"issue_term_ids" uuid[] DEFAULT '{}' NOT NULL,
	"need" text NOT NULL,
	"name" text NOT NULL,
	"postcode" text,
	"phone" text,
	"email" text,
	"contact_method" "contact_method",
	"contact_times" text,
	"safe_to_leave_message" boolean,
	"contact_difficulties" text,
	"consent_method" "consent_method" NOT NULL,
	"consent_given_at" timestamp with time zone NOT NULL,
	"consent_wording_version" text NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_by_organisation_id" uuid,
	"claimed_by_user_id" uuid,
	"claimed_by_organisation_id" uuid,
	"claimed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"close_note" text,
	"client_id" uuid,
	"intake_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_referral_facts" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"network_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"sent_on" date NOT NULL,
	"from_organisation_id" uuid NOT NULL,
	"from_user_id" uuid,
	"to_organisation_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"from_organisation_type" "organisation_type" NOT NULL,
	"to_organisation_type" "organisation_type" NOT NULL,
	"from_statutory" boolean NOT NULL,
	"to_statutory" boolean NOT NULL,
	"district" text,
	"age_band" text NOT NULL,
	"issue_ids" uuid[] DEFAULT '{}' NOT NULL,
	"crisis" boolean NOT NULL,
	"repeat_crisis" boolean NOT NULL,
	"status" "referral_status" NOT NULL,
	"decline_reason" text,
	"outcome" text,
	"contact_due_on" date NOT NULL,
	"contacted_on" date,
	"contact_working_days" integer,
	"accepted" boolean NOT NULL,
	"source_updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_refresh_state" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"watermark" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hub_snapshots" (
	"network_id" uuid NOT NULL,
	"key" text NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "hub_snapshots_network_id_key_pk" PRIMARY KEY("network_id","key")
);
--> statement-breakpoint
CREATE TABLE "service_capacity_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"status" "capacity_status" NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "referrals_incoming_idx";--> statement-breakpoint
DROP INDEX "referrals_outgoing_idx";--> statement-breakpoint
DROP INDEX "referrals_incoming_open_idx";--> statement-breakpoint
DROP INDEX "referrals_outgoing_open_idx";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "front_door" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "channel" "outbox_channel" DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "front_door_drafts" ADD CONSTRAINT "front_door_drafts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "front_door_requests" ADD CONSTRAINT "front_door_requests_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "front_door_requests" ADD CONSTRAINT "front_door_requests_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "front_door_requests" ADD CONSTRAINT "front_door_requests_recorded_by_organisation_id_organisations_id_fk" FOREIGN KEY ("recorded_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "front_door_requests" ADD CONSTRAINT "front_door_requests_claimed_by_user_id_users_id_fk" FOREIGN KEY ("claimed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "front_door_requests" ADD CONSTRAINT "front_door_requests_claimed_by_organisation_id_organisations_id_fk" FOREIGN KEY ("claimed_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "front_door_requests" ADD CONSTRAINT "front_door_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "front_door_requests" ADD CONSTRAINT "front_door_requests_intake_id_intakes_id_fk" FOREIGN KEY ("intake_id") REFERENCES "public"."intakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_referral_facts" ADD CONSTRAINT "hub_referral_facts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_refresh_state" ADD CONSTRAINT "hub_refresh_state_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_snapshots" ADD CONSTRAINT "hub_snapshots_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_capacity_periods" ADD CONSTRAINT "service_capacity_periods_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "front_door_drafts_token_idx" ON "front_door_drafts" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "front_door_drafts_expiry_idx" ON "front_door_drafts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "front_door_requests_queue_idx" ON "front_door_requests" USING btree ("network_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "front_door_requests_reference_idx" ON "front_door_requests" USING btree ("network_id","reference");--> statement-breakpoint
CREATE INDEX "hub_referral_facts_network_sent_idx" ON "hub_referral_facts" USING btree ("network_id","sent_on");--> statement-breakpoint
CREATE INDEX "hub_referral_facts_to_idx" ON "hub_referral_facts" USING btree ("to_organisation_id","sent_on");--> statement-breakpoint
CREATE INDEX "hub_referral_facts_from_idx" ON "hub_referral_facts" USING btree ("from_organisation_id","sent_on");--> statement-breakpoint
CREATE INDEX "hub_referral_facts_client_idx" ON "hub_referral_facts" USING btree ("client_id","sent_on") WHERE crisis;--> statement-breakpoint
CREATE INDEX "service_capacity_periods_network_idx" ON "service_capacity_periods" USING btree ("network_id","started_at");--> statement-breakpoint
CREATE INDEX "service_capacity_periods_service_idx" ON "service_capacity_periods" USING btree ("service_id") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "referrals_outgoing_status_idx" ON "referrals" USING btree ("from_organisation_id","status","contact_due_on","network_id");--> statement-breakpoint
CREATE INDEX "referrals_updated_idx" ON "referrals" USING btree ("network_id","updated_at");--> statement-breakpoint
CREATE INDEX "referrals_incoming_idx" ON "referrals" USING btree ("to_organisation_id","status","contact_due_on","network_id");--> statement-breakpoint
CREATE INDEX "referrals_outgoing_idx" ON "referrals" USING btree ("from_organisation_id","sent_at","service_id");--> statement-breakpoint
CREATE INDEX "referrals_incoming_open_idx" ON "referrals" USING btree ("to_organisation_id","contact_due_on","status","network_id") WHERE status in ('sent', 'received', 'accepted', 'in_progress');--> statement-breakpoint
CREATE INDEX "referrals_outgoing_open_idx" ON "referrals" USING btree ("from_organisation_id","contact_due_on","status","network_id") WHERE status in ('sent', 'received', 'accepted', 'in_progress');