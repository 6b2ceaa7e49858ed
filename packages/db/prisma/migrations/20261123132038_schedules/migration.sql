-- CreateTable
CREATE TABLE "schedules" (
    "namespace_id" UUID NOT NULL,
    "schedule_id" TEXT NOT NULL,
    "namespace_name" TEXT NOT NULL,
    "schedule" BYTEA NOT NULL,
    "memo" BYTEA,
    "search_attributes" BYTEA,
    "info" JSONB NOT NULL,
    "next_action_at" TIMESTAMPTZ(3),
    "last_processed_at" TIMESTAMPTZ(3) NOT NULL,
    "conflict_token" BIGINT NOT NULL DEFAULT 1,
    "create_request_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3),

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("namespace_id","schedule_id")
);

-- CreateIndex
CREATE INDEX "schedules_next_action_at_idx" ON "schedules"("next_action_at");

-- CreateIndex
CREATE INDEX "schedules_namespace_id_created_at_idx" ON "schedules"("namespace_id", "created_at");
