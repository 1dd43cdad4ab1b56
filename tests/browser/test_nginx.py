"""The site as IT serves it: nginx (Debian's nginx-light) with server/avbrottsrutin-lifecare-sp.conf, under the
sub-path /avbrottsrutin-lifecare-sp/: compression, cache and security headers, and the pages working there."""
import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.browser.test_csp import _watch, tick_search_and_answer
from tests.conftest import ROOT, build, copy_project

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PATH = "/avbrottsrutin-lifecare-sp/"
pytestmark = pytest.mark.skipif(not os.path.exists(NGINX),
                                reason="nginx saknas: installera Debians nginx-light (.ci/run gör det)")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """nginx on a free localhost port, serving a build published at its sub-path; yields the site's URL."""
    work = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    url = f"http://127.0.0.1:{port}{PATH}"
    built = build(copy_project(work / "project"), site_url=url)
    assert built.returncode == 0, built.output
    shutil.copytree(built.site, work / "www" / PATH.strip("/"))
    shipped = (ROOT / "server" / "avbrottsrutin-lifecare-sp.conf").read_text(encoding="utf-8")
    assert "root /var/www;" in shipped
    (work / "site.conf").write_text(shipped.replace("root /var/www;", f"root {work / 'www'};"), encoding="utf-8")
    temp = " ".join(f"{kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        "daemon off;\n" + ("user root;\n" if os.geteuid() == 0 else "") +
        f"pid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  {temp}\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n    include {work / 'site.conf'};\n  }}\n}}\n", encoding="utf-8")
    server = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            break
        except (urllib.error.URLError, ConnectionError):
            assert server.poll() is None, server.stdout.read().decode()
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=20)


def _get(url, gzip_ok=True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers, response.read()


def test_pages_are_compressed_and_carry_the_security_headers(nginx):
    status, headers, body = _get(nginx + "kommun/")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "Kommunal vård och omsorg" in gzip.decompress(body).decode("utf-8")
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    # A page is checked again soon: a changed number reaches the wards the same day.
    assert headers["Cache-Control"] == "max-age=300"


def test_the_themes_hashed_files_are_kept_long_and_ours_briefly(nginx):
    html = gzip.decompress(_get(nginx)[2]).decode("utf-8")
    import re
    hashed = re.search(r'href="(assets/stylesheets/main\.[0-9a-f]{8}\.min\.css)"', html).group(1)
    status, headers, _ = _get(nginx + hashed)
    assert status == 200 and headers["Cache-Control"] == "max-age=31536000"
    assert headers["Content-Encoding"] == "gzip" and headers["X-Content-Type-Options"] == "nosniff"
    status, headers, _ = _get(nginx + "assets/stylesheets/lc.min.css")
    assert status == 200 and headers["Cache-Control"] == "max-age=300"
    assert _get(nginx + hashed + ".map")[0] == 404


def test_a_missing_page_gets_the_404_page_with_working_links_under_the_sub_path(nginx, context):
    status, headers, body = _get(nginx + "finns/inte/")
    assert status == 404 and "Content-Security-Policy" in headers
    page = context.new_page()
    violations = _watch(page)
    failed = []
    page.on("response", lambda response: response.status >= 400 and "finns/inte" not in response.url
            and failed.append(response.url))
    page.goto(nginx + "finns/inte/")
    assert "Sidan finns inte" in page.locator("h1").first.inner_text()
    # Its styles and scripts load from the sub-path, and its link leads to the start page.
    assert page.locator("link[rel=stylesheet]").count() >= 2
    assert failed == [] and violations == []
    page.get_by_role("link", name="Gå till startsidan").click()
    assert page.url == nginx


def test_checklist_search_and_helper_work_behind_nginx(nginx, context):
    page = context.new_page()
    violations = _watch(page)
    tick_search_and_answer(page, nginx)
    assert violations == []
