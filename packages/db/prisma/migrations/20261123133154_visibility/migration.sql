-- CreateTable
CREATE TABLE "visibility_records" (
    "namespace_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "workflow_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "start_time" TIMESTAMPTZ(6) NOT NULL,
    "execution_time" TIMESTAMPTZ(6) NOT NULL,
    "close_time" TIMESTAMPTZ(6),
    "execution_duration" BIGINT,
    "task_queue" TEXT NOT NULL,
    "history_length" BIGINT,
    "history_size_bytes" BIGINT,
    "state_transition_count" BIGINT,
    "parent_workflow_id" TEXT,
    "parent_run_id" TEXT,
    "root_workflow_id" TEXT,
    "root_run_id" TEXT,
    "memo" BYTEA,
    "search_attributes" JSONB NOT NULL DEFAULT '{}',
    "search_attribute_types" JSONB NOT NULL DEFAULT '{}',
    "version" BIGINT NOT NULL,

    CONSTRAINT "visibility_records_pkey" PRIMARY KEY ("namespace_id","run_id")
);

-- CreateTable
CREATE TABLE "search_attributes" (
    "namespace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_attributes_pkey" PRIMARY KEY ("namespace_id","name")
);

-- CreateIndex
CREATE INDEX "visibility_records_default_order_idx" ON "visibility_records"("namespace_id", "close_time" DESC, "start_time" DESC, "run_id");

-- CreateIndex
CREATE INDEX "visibility_records_namespace_id_workflow_id_idx" ON "visibility_records"("namespace_id", "workflow_id");

-- CreateIndex
CREATE INDEX "visibility_records_search_attributes_idx" ON "visibility_records" USING GIN ("search_attributes");

-- Hand-written: Temporal's attribute types only.
ALTER TABLE "search_attributes" ADD CONSTRAINT "search_attributes_type_check"
    CHECK ("type" IN ('Keyword', 'Text', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList'));
