"""The deployment recipe run for real: deploy/nginx.conf, as the Dockerfile uses it, on Debian's
nginx-light, serving a built site from a folder. Used by tests/site/test_deploy.py and the benchmarks."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from macros.csp import CSP_FILE

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@contextlib.contextmanager
def nginx_serving(site: Path, work: Path, port: int) -> Iterator[str]:
    """deploy/nginx.conf serving `site` on 127.0.0.1:`port` (its config, logs and pid in `work`);
    yields the base URL. Only the listen address and the root are changed."""
    if not Path(NGINX).exists():
        raise RuntimeError("nginx is missing: `make test` installs Debian's nginx-light")
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "listen 8080;" in server and "root /usr/share/nginx/html;" in server
    server = server.replace("listen 8080;", f"listen 127.0.0.1:{port};").replace(
        "root /usr/share/nginx/html;", f"root {site};")
    work.mkdir(parents=True, exist_ok=True)
    # As deploy/Dockerfile installs it: the site's script hashes beside nginx's own config.
    csp = site / CSP_FILE
    if not csp.is_file():
        raise RuntimeError(f"{csp} is missing: the build writes it (macros/csp.py)")
    shutil.copyfile(csp, work / "csp.conf")
    (work / "logs").mkdir(exist_ok=True)
    (work / "nginx.conf").write_text(
        # Workers must read the pytest temp folder, which only its owner may enter.
        f"{'user root; ' if os.geteuid() == 0 else ''}pid nginx.pid; error_log logs/error.log; worker_processes 1;\n"
        "events { worker_connections 64; }\n"
        "http { include /etc/nginx/mime.types; access_log off; client_body_temp_path tmp;"
        " proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;\n"
        f"{server}\n}}\n", encoding="utf-8")
    log = (work / "logs" / "stderr.log").open("wb")
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
                               stderr=log)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((work / "logs" / "stderr.log").read_text() or "nginx did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
