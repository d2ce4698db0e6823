# make serve: install, create and seed the claim base, serve with gunicorn.  make test: the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.dev-installed

PORT ?= 8000
WEB_CONCURRENCY ?= 2
export PORT WEB_CONCURRENCY

.PHONY: serve test init-db bench bench-compare

$(INSTALLED): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_INSTALLED): $(INSTALLED) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Migrations and seeding run once here, before gunicorn forks its workers.
init-db: $(INSTALLED)
	$(BIN)/flask --app service init-db

serve: init-db
	$(BIN)/gunicorn --config gunicorn.conf.py "service:create_app()"

test: $(DEV_INSTALLED)
	$(BIN)/python -m pytest -q

# make bench: every benchmark in one run (about 10-20 minutes; see benchmarks/README.md). BENCH_ARGS=--help lists options.
bench: $(DEV_INSTALLED)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/draft.py $(DRAFT_BENCH_ARGS)
	mkdir -p var && $(BIN)/python benchmarks/checkthat.py --rankings var/checkthat-rankings.json
	$(BIN)/python benchmarks/title_vectors.py --rankings var/checkthat-rankings.json

# make bench-quality: grade every check set (benchmarks/generalisation/sets/*.json and the public one), each on a
# fresh seeded server; prints found, kept and score per set. QUALITY_ARGS=--help lists options (--code, --json, --verbose).
.PHONY: bench-quality
bench-quality: $(INSTALLED)
	$(BIN)/python benchmarks/quality.py $(QUALITY_ARGS)

# make bench-compare BEFORE=/path/to/older/checkout: check latency of that checkout and this one, interleaved in one run.
bench-compare: $(DEV_INSTALLED)
	$(BIN)/python benchmarks/compare.py --before $(BEFORE) --after .
