-- CreateIndex
CREATE INDEX "executions_namespace_id_status_idx" ON "executions"("namespace_id", "status");

-- CreateIndex
CREATE INDEX "executions_namespace_id_start_time_idx" ON "executions"("namespace_id", "start_time" DESC);
