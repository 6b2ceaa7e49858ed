#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded here (and is not needed:
# `prisma generate` is pure Wasm). The Prisma CLI only checks that this file exists; if anything
# ever runs it, say clearly what to use instead.
echo "Kairos does not use Prisma's native schema engine. Use: npm run db:migrate -w @kairos/db" >&2
exit 1
