"""The release step: makes or brings up to date the schema, once per version, before its instances start.

Safe to run again: every statement leaves a schema that is already there as it is. Each run is
recorded in release_runs, which the page shows.
"""
import services

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS counters (
           name text PRIMARY KEY,
           value bigint NOT NULL DEFAULT 0)""",
    "INSERT INTO counters (name, value) VALUES ('visits', 0) ON CONFLICT (name) DO NOTHING",
    """CREATE TABLE IF NOT EXISTS release_runs (
           id serial PRIMARY KEY,
           version integer NOT NULL,
           ran_at timestamptz NOT NULL DEFAULT now())""",
]

connection = services.postgres()
with connection:  # one transaction: all of it or nothing
    with connection.cursor() as cursor:
        for statement in SCHEMA:
            cursor.execute(statement)
        cursor.execute("INSERT INTO release_runs (version) VALUES (%s)", (services.version(),))
connection.close()
# Redis needs no schema; the counter starts where the first INCR finds nothing.
services.redis_server().ping()
print("Migrated the schema for version %d" % services.version())
