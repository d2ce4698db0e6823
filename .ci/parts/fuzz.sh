# Fuzz and security tests (tests/fuzz, tests/security): a PostgreSQL database of their own, so their
# tables never race those of the storage tests.
if [ "$(cd / && su postgres -c "psql -qtA -c \"SELECT 1 FROM pg_database WHERE datname = 'claimcheck_fuzz'\"")" != "1" ]; then
  (cd / && su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -c 'CREATE DATABASE claimcheck_fuzz OWNER claimcheck'")
fi
export CLAIMCHECK_FUZZ_POSTGRES_URL="postgresql+psycopg://claimcheck:claimcheck@127.0.0.1/claimcheck_fuzz"
