# Samskap: `make run` serves the demo, `make test` runs the whole suite. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
VENDOR := samskap/core/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install assets messages run serve test lint typecheck check-deploy bench clean mailserver worker

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Samskap needs Python 3.11 ($(PYTHON) not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python assets
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@if command -v msgfmt >/dev/null 2>&1; then $(BIN)/samskap compilemessages --ignore=.venv -v0; \
	  else echo "msgfmt not found: using the committed .mo catalogues"; fi

assets:
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the front-end assets (apt-get install npm)."; exit 1; }
	npm install --no-audit --no-fund --silent
	npm install --prefix samskap/accounts/tests/oidc --no-audit --no-fund --silent
	mkdir -p $(VENDOR)/designsystemet $(VENDOR)/htmx $(VENDOR)/axe
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/index.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css $(VENDOR)/designsystemet/theme.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe/axe.min.js

messages:
	cd samskap && ../$(BIN)/samskap makemessages -l nb -l nn -l en --no-obsolete --ignore=tests/* && \
	  ../$(BIN)/samskap makemessages -d djangojs -l nb -l nn -l en --no-obsolete || true
	$(BIN)/samskap compilemessages --ignore=.venv -v0

run: install
	mkdir -p var
	$(BIN)/samskap migrate --noinput -v0
	$(BIN)/samskap load_demo
	HOST=$(HOST) PORT=$(PORT) scripts/run.sh

serve:
	HOST=$(HOST) PORT=$(PORT) scripts/run.sh

worker:
	$(BIN)/samskap db_worker

mailserver:
	$(BIN)/python -m aiosmtpd -n -l 127.0.0.1:8025

test:
	scripts/test.sh

lint:
	$(BIN)/ruff check samskap bench

typecheck:
	$(BIN)/mypy samskap

check-deploy:
	SAMSKAP_DEBUG=0 SAMSKAP_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) SAMSKAP_ALLOWED_HOSTS=samskap.example \
	  $(BIN)/samskap check --deploy --fail-level WARNING

bench:
	$(BIN)/python bench/matching_quality.py
	$(BIN)/python bench/matching_scale.py
	$(BIN)/python bench/index_scale.py
	$(BIN)/python bench/embed_contention.py
	$(BIN)/python bench/workshop_planner.py
	$(BIN)/python bench/need_suggestions.py

clean:
	rm -rf $(VENV) node_modules samskap/accounts/tests/oidc/node_modules $(VENDOR) staticfiles .pytest_cache
