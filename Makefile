# Två kommandon räcker: "make serve" och "make test". Båda skapar .venv själva.
# The site needs only requirements-site.txt; the tests add Playwright and pytest (requirements.txt).
# Both files lock the whole dependency tree with hashes (pip-compile, see requirements*.in).
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test offline pdf bench parity firefox clean

$(BIN)/python:
	python3 -m venv $(VENV)

$(SITE_STAMP): requirements-site.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-site.txt
	touch $@

$(TEST_STAMP): requirements.txt $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

serve: $(SITE_STAMP)
	@echo "Webbplatsen visas på http://127.0.0.1:8000/ – avsluta med Ctrl+C."
	@# Said here too, but the server starts all the same: its error page shows the problem until it is fixed.
	-$(BIN)/python -m lifecare_site.preflight
	@# MkDocs' server, but a failed rebuild shows a Swedish error page instead of hanging (lifecare_site/serve.py).
	$(BIN)/python -m lifecare_site.serve --dev-addr 127.0.0.1:8000

# Bygg i en tillfällig mapp och byt ut site/ först när bygget lyckats.
build: $(SITE_STAMP)
	@# site/ is replaced whole: a link there (to a web server's folder, say) would be replaced by a folder, and the
	@# web server would go on showing the old site.
	@if [ -L site ]; then echo "Fel: site är en länk (till $$(readlink site)). make build byter ut hela mappen site/ och skulle ersätta länken med en ny mapp, så att det länken pekar på blir kvar som det var. Ta bort länken (rm site), bygg, och kopiera sedan site/ dit webbservern läser, till exempel med cp -a site/. och mappens sökväg." >&2; exit 1; fi
	$(BIN)/python -m lifecare_site.preflight
	@# Each build in a folder of its own, so two builds at once never write into the same one; the last to
	@# finish replaces site/ whole.
	@# (mktemp makes the folder readable by its owner only: given the rights of any new folder, so that a web server
	@# running as another user can read it.)
	@tmp=$$(mktemp -d .site-build.XXXXXX) && chmod "$$(printf '%o' $$((0777 & ~0$$(umask))))" "$$tmp" && \
	  { $(BIN)/python -m lifecare_site.build --strict --site-dir "$$tmp" || { rm -rf "$$tmp"; echo "Bygget avbröts: rätta felet ovan och kör make build igen. site/ är oförändrad."; exit 1; }; } && \
	  flock .site-build.lock sh -c 'rm -rf site.old && { [ ! -e site ] || mv site site.old; } && mv "$$1" site && rm -rf site.old' swap "$$tmp"
	@echo "Klart: webbplatsen finns i site/."

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

# Offline-paketet (kräver npm för iframe-worker): dist/avbrottsrutin-lifecare-sp-<version>.zip
offline: $(SITE_STAMP)
	$(BIN)/python -m lifecare_site.preflight
	$(BIN)/python -m scripts.offline

# PDF-filerna (kräver Chromium, som testerna): docs/pdf/, som nästa make build publicerar och länkar.
pdf: $(TEST_STAMP)
	$(BIN)/python -m lifecare_site.preflight
	$(BIN)/python -m scripts.pdf

bench: $(TEST_STAMP)
	$(BIN)/python -m scripts.bench

# Samma webbplats med Zensical, efterföljaren till Material for MkDocs (installeras i .venv-zensical)?
parity: $(SITE_STAMP)
	$(BIN)/python -m scripts.parity

# Utskrift från Firefox (kräver firefox-esr och npm): samma antal A4-sidor som från Chromium?
firefox: $(TEST_STAMP)
	$(BIN)/python -m scripts.firefox_pages

clean:
	rm -rf site site.old .site-build.* .site-build.lock dist docs/pdf .firefox-check .a11y-check $(VENV) .venv-zensical
