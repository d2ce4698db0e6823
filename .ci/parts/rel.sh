# Reliability tests (tests/reliability/): pg_dump/pg_restore for the backup test, and a role that may
# create the throw-away databases the crash, concurrency and backup tests run on.
apt-get install -y --no-install-recommends postgresql-client
(cd / && su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -c 'ALTER ROLE claimcheck CREATEDB'")
