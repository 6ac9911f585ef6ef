# zhpub — `make build` builds the site and PDFs from content/ into build/; `make test` runs every test.
# Both install what is missing first: Debian packages (scripts/setup-system) and a Python venv in .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

export NO_MKDOCS_2_WARNING := 1

.PHONY: build test setup serve clean bench mutation

build: setup
	$(BIN)/zhpub build

test: setup
	$(BIN)/python -m pytest

serve: setup
	$(BIN)/mkdocs serve

bench: setup
	$(BIN)/python bench/normalise_speed.py

# mutation testing of the text stages, the model and the exporters ([tool.mutmut] in pyproject.toml); slow, so not
# part of `make test`. `$(BIN)/mutmut results` lists the survivors, `$(BIN)/mutmut show NAME` shows one.
mutation: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	rm -rf mutants
	nice -n 19 $(BIN)/mutmut run --max-children 2
	$(BIN)/python bench/mutation_score.py

setup: $(STAMP)
	@scripts/setup-system
	@# axe-core for the accessibility tests, at the version tests/a11y/package-lock.json pins (npm ci: exactly that)
	@test tests/a11y/node_modules/.package-lock.json -nt tests/a11y/package-lock.json || \
	  (cd tests/a11y && npm ci --no-audit --no-fund --loglevel=error)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[site,pdf,test]'
	@rm -f $(VENV)/.installed-* && touch $@

clean:
	rm -rf build .pytest_cache mutants
