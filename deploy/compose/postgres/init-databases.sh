#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is first created (the image's /docker-entrypoint-initdb.d):
# one role and database for meshwatch's store, one role for Temporal, which creates its own two
# databases (temporal, temporal_visibility) at its first start. Separate roles keep either from
# touching the other's data, and let Grafana read meshwatch's store alone.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v meshwatch_password="$MESHWATCH_DB_PASSWORD" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE meshwatch LOGIN PASSWORD :'meshwatch_password';
CREATE DATABASE meshwatch OWNER meshwatch;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
SQL
