# Two entry points: `make run` opens the console, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The translation catalogues (in the repository) and what the setup compiles from them: the
# Japanese, and the English one, which holds only the plural forms of texts with a count
# (`%n call(s)` reads `1 call`, `4 calls`).
CATALOGUES := wording/i18n/callgate_ja.ts wording/i18n/callgate_en.ts
COMPILED := $(CATALOGUES:.ts=.qm)

.PHONY: run test bench translations screenshots clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The install compiles them too (setup.py); this keeps them current after a catalogue changes.
wording/i18n/%.qm: wording/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

run: $(STAMP) $(COMPILED)
	$(BIN)/python main.py

# The tests two at a time (most wait on sockets, processes and timers), then the ones that
# measure time or load one at a time (tests/conftest.py marks them `alone`); both run whatever
# the first says, and make fails if either failed. They write bytecode (in __pycache__, which
# git ignores) even where PYTHONDONTWRITEBYTECODE is set: otherwise each of the hundreds of
# callgate processes they start compiles callgate again (80 ms each), and each of the three
# collections rewrites the tests' asserts again (6 s each).
test: $(STAMP) $(COMPILED)
	$(BIN)/ruff check .
	$(BIN)/mypy
	unset PYTHONDONTWRITEBYTECODE; export QT_QPA_PLATFORM=offscreen QT_API=pyside6; \
	$(BIN)/python -m pytest -n 2 -m "not alone"; together=$$?; \
	$(BIN)/python -m pytest -m alone && exit $$together

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

# For translators: add the strings the code has now to the catalogues (existing translations
# are kept; strings the code no longer has are dropped). tests/test_catalogue.py then lists
# what still needs Japanese, and which texts with a count need their English singular and plural.
SOURCES = $(shell git ls-files 'gui/*.py' 'wording/*.py')
LUPDATE = $(BIN)/pyside6-lupdate -locations none -no-obsolete -disable-heuristic sametext
translations: $(STAMP)
	$(LUPDATE) -target-language ja_JP $(SOURCES) -ts wording/i18n/callgate_ja.ts
	$(LUPDATE) -pluralonly -target-language en_GB $(SOURCES) -ts wording/i18n/callgate_en.ts

# The README's screenshots, from the real console on a virtual screen (Xvfb, icewm; see
# docs/screenshot.py): docs/screenshot.png in English, docs/screenshot-ja.png in Japanese.
screenshots: $(STAMP) $(COMPILED)
	$(BIN)/python docs/screenshot.py --lang en
	$(BIN)/python docs/screenshot.py --lang ja
	$(BIN)/python docs/screenshot_stats.py --lang en
	$(BIN)/python docs/screenshot_stats.py --lang ja --output docs/screenshot-stats-ja.png

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
