CREATE TABLE "experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" DEFAULT ''::ltree NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"level" text NOT NULL,
	"specialties" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"affiliation" text,
	"title" text,
	"mobile" text,
	"availability" text DEFAULT 'available' NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" DEFAULT ''::ltree NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"kind" text NOT NULL,
	"readiness" text DEFAULT 'ready' NOT NULL,
	"readiness_since" timestamp with time zone DEFAULT now() NOT NULL,
	"headcount" integer,
	"leader_name" text,
	"leader_phone" text,
	"duty_phone" text,
	"capabilities" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"equipment" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" DEFAULT ''::ltree NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"kind" text NOT NULL,
	"group_name" text,
	"headcount" integer,
	"contact_name" text,
	"mobile" text,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text DEFAULT 'available' NOT NULL,
	"training" text,
	"last_trained_on" date
);
--> statement-breakpoint
CREATE TABLE "material_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" DEFAULT ''::ltree NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"category" text NOT NULL,
	"specification" text,
	"measure_unit" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "requisitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" DEFAULT ''::ltree NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"from_kind" text NOT NULL,
	"from_party" text NOT NULL,
	"from_phone" text,
	"requisitioned_at" timestamp with time zone NOT NULL,
	"incident_id" uuid,
	"description" text,
	"valuation" double precision,
	"outcome" text DEFAULT 'in_use' NOT NULL,
	"returned_at" timestamp with time zone,
	"compensation_decided" double precision,
	"compensation_decided_on" date,
	"compensation_paid" double precision,
	"compensation_paid_on" date,
	"documents" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_balances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"batch" text DEFAULT '' NOT NULL,
	"quantity" numeric(16, 3) DEFAULT 0 NOT NULL,
	"expires_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_balances_not_negative" CHECK ("stock_balances"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_minimums" (
	"warehouse_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"minimum" numeric(16, 3) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_minimums_warehouse_id_item_id_pk" PRIMARY KEY("warehouse_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"batch" text DEFAULT '' NOT NULL,
	"delta" numeric(16, 3) NOT NULL,
	"balance_after" numeric(16, 3) NOT NULL,
	"reason" text,
	"incident_id" uuid,
	"inspection_id" uuid,
	"transfer_id" uuid,
	"by_id" uuid,
	"by_name" text
);
--> statement-breakpoint
CREATE TABLE "warehouse_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid,
	"by_name" text,
	"note" text,
	"lines" jsonb NOT NULL,
	"adjustments" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" DEFAULT ''::ltree NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"kind" text NOT NULL,
	"area" double precision,
	"manager_name" text,
	"manager_phone" text,
	"duty_phone" text,
	"note" text,
	"last_inspected_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "shelter_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shelter_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid,
	"by_name" text,
	"passed" boolean NOT NULL,
	"findings" text,
	"facilities_ok" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shelters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" DEFAULT ''::ltree NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"kind" text NOT NULL,
	"shelter_class" text NOT NULL,
	"category" text,
	"usable_area" double precision NOT NULL,
	"capacity_override" integer,
	"capacity" integer NOT NULL,
	"facilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"manager_name" text,
	"manager_phone" text,
	"note" text,
	"status" text DEFAULT 'ready' NOT NULL,
	"occupancy" integer DEFAULT 0 NOT NULL,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"last_inspected_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_item_id_material_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."material_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_minimums" ADD CONSTRAINT "stock_minimums_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_minimums" ADD CONSTRAINT "stock_minimums_item_id_material_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."material_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_item_id_material_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."material_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_inspection_id_warehouse_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."warehouse_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warehouse_inspections" ADD CONSTRAINT "warehouse_inspections_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelter_inspections" ADD CONSTRAINT "shelter_inspections_shelter_id_shelters_id_fk" FOREIGN KEY ("shelter_id") REFERENCES "public"."shelters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experts_unit_path_gist" ON "experts" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "experts_unit_idx" ON "experts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "teams_unit_path_gist" ON "teams" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "teams_unit_idx" ON "teams" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "volunteers_unit_path_gist" ON "volunteers" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "volunteers_unit_idx" ON "volunteers" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "material_items_unit_path_gist" ON "material_items" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "material_items_unit_idx" ON "material_items" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "requisitions_unit_path_gist" ON "requisitions" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "requisitions_unit_idx" ON "requisitions" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_balances_uq" ON "stock_balances" USING btree ("warehouse_id","item_id","batch");--> statement-breakpoint
CREATE INDEX "stock_balances_item_idx" ON "stock_balances" USING btree ("item_id","warehouse_id");--> statement-breakpoint
CREATE INDEX "stock_movements_balance_idx" ON "stock_movements" USING btree ("warehouse_id","item_id","batch");--> statement-breakpoint
CREATE INDEX "stock_movements_at_idx" ON "stock_movements" USING btree ("at");--> statement-breakpoint
CREATE INDEX "warehouse_inspections_wh_idx" ON "warehouse_inspections" USING btree ("warehouse_id","at");--> statement-breakpoint
CREATE INDEX "warehouses_unit_path_gist" ON "warehouses" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "warehouses_unit_idx" ON "warehouses" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "shelter_inspections_shelter_idx" ON "shelter_inspections" USING btree ("shelter_id","at");--> statement-breakpoint
CREATE INDEX "shelters_unit_path_gist" ON "shelters" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "shelters_unit_idx" ON "shelters" USING btree ("unit_id");