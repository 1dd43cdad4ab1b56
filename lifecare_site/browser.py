"""Debian's Chromium, as the PDFs (scripts/pdf.py), the benchmark and the browser tests start it."""
CHROMIUM = "/usr/bin/chromium"
# No sandbox (root in CI) and no background traffic: the machine has no network but the registries.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
