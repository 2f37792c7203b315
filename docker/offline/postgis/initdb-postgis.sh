# Sourced by the entrypoint on first start, as the postgis image's initdb-postgis.sh: a template_postgis
# database, and the PostGIS extensions in it and in POSTGRES_DB.
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -q <<'SQL'
CREATE DATABASE template_postgis IS_TEMPLATE true;
SQL
for db in template_postgis "$POSTGRES_DB"; do
  echo "loading PostGIS extensions into $db"
  psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$db" -q <<'SQL'
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS postgis_topology;
\c
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE EXTENSION IF NOT EXISTS postgis_tiger_geocoder;
SQL
done
