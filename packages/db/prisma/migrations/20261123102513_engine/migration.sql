-- CreateTable
CREATE TABLE "engine_settings" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "engine_settings_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "history_shards" (
    "shard_id" INTEGER NOT NULL,
    "range_id" BIGINT NOT NULL DEFAULT 0,
    "owner" TEXT,
    "owner_address" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "history_shards_pkey" PRIMARY KEY ("shard_id")
);

-- CreateTable
CREATE TABLE "executions" (
    "namespace_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "run_id" UUID NOT NULL,
    "shard_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "db_version" BIGINT NOT NULL,
    "next_event_id" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "start_time" TIMESTAMPTZ(3) NOT NULL,
    "close_time" TIMESTAMPTZ(3),

    CONSTRAINT "executions_pkey" PRIMARY KEY ("namespace_id","workflow_id","run_id")
);

-- CreateTable
CREATE TABLE "current_executions" (
    "namespace_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "run_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "start_request_id" TEXT NOT NULL,

    CONSTRAINT "current_executions_pkey" PRIMARY KEY ("namespace_id","workflow_id")
);

-- CreateTable
CREATE TABLE "history_events" (
    "run_id" UUID NOT NULL,
    "event_id" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "history_events_pkey" PRIMARY KEY ("run_id","event_id")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "shard_id" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timer_tasks" (
    "id" BIGSERIAL NOT NULL,
    "shard_id" INTEGER NOT NULL,
    "fire_at" TIMESTAMPTZ(3) NOT NULL,
    "namespace_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "run_id" UUID NOT NULL,
    "payload" JSONB NOT NULL,

    CONSTRAINT "timer_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_queue_tasks" (
    "id" BIGSERIAL NOT NULL,
    "namespace_id" UUID NOT NULL,
    "task_queue" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_queue_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "executions_shard_id_idx" ON "executions"("shard_id");

-- CreateIndex
CREATE INDEX "outbox_shard_id_id_idx" ON "outbox"("shard_id", "id");

-- CreateIndex
CREATE INDEX "timer_tasks_shard_id_fire_at_idx" ON "timer_tasks"("shard_id", "fire_at");

-- CreateIndex
CREATE UNIQUE INDEX "task_queue_tasks_dedupe_key_key" ON "task_queue_tasks"("dedupe_key");

-- CreateIndex
CREATE INDEX "task_queue_tasks_namespace_id_task_queue_kind_id_idx" ON "task_queue_tasks"("namespace_id", "task_queue", "kind", "id");
