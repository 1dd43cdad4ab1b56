# Två kommandon räcker: "make serve" och "make test". Båda skapar .venv själva.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test offline bench clean

$(STAMP): requirements.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

serve: $(STAMP)
	@echo "Webbplatsen visas på http://127.0.0.1:8000/ – avsluta med Ctrl+C."
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Bygg i en tillfällig mapp och byt ut site/ först när bygget lyckats.
build: $(STAMP)
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build || { rm -rf .site-build; exit 1; }
	rm -rf site && mv .site-build site
	@echo "Klart: webbplatsen finns i site/."

test: $(STAMP)
	$(BIN)/python -m pytest

# Offline-paketet (kräver npm för iframe-worker): dist/avbrottsrutin-lifecare-sp-<version>.zip
offline: $(STAMP)
	$(BIN)/python scripts/offline.py

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .site-build dist $(VENV)
