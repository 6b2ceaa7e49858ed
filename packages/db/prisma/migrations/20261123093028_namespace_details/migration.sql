-- AlterTable
ALTER TABLE "namespaces" ADD COLUMN     "data" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "owner_email" TEXT NOT NULL DEFAULT '';

-- Added by hand (Prisma schemas cannot express CHECK): Temporal's namespace data is a string map.
ALTER TABLE "namespaces" ADD CONSTRAINT "namespaces_data_object_check" CHECK (jsonb_typeof("data") = 'object');
