"""A throw-away PostgreSQL cluster for tests and benchmarks: initdb into a folder of its own, started with pg_ctl
on a private socket (and, when asked, loopback TCP), stopped and removed afterwards. Never a mock database.

initdb refuses to run as root: as root the cluster's programs run as the `postgres` user the distribution's
package creates (`runuser`). The superuser of the cluster is `sodesk`, trusted on its own socket only.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "sodesk"
INSTALL_HINT = ("PostgreSQL's server programs (initdb, pg_ctl) were not found: install them with "
                "`apt-get install postgresql` (bash packaging/dev.sh test does), or set SODESK_PG_BIN to their folder")


class ClusterUnavailable(RuntimeError):
    pass


def find_bin() -> Path:
    """The folder of initdb and pg_ctl: SODESK_PG_BIN, the newest /usr/lib/postgresql/N/bin, else PATH."""
    chosen = os.environ.get("SODESK_PG_BIN")
    if chosen:
        return Path(chosen)
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda path: int(Path(path).parents[1].name) if Path(path).parents[1].name.isdigit() else 0)
    if versions:
        return Path(versions[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise ClusterUnavailable(INSTALL_HINT)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """`with Cluster() as cluster: cluster.create_database("x"); url = cluster.url("x")`"""

    def __init__(self, *, tcp: bool = False, durable: bool = False) -> None:
        self.bin = find_bin()
        self.tcp = tcp
        self.durable = durable
        self.port = _free_port()
        self.base = Path(tempfile.mkdtemp(prefix="sodesk-pg-"))
        self.data = self.base / "data"
        self.socket_dir = self.base / "sock"
        self._as_postgres = os.geteuid() == 0
        self.running = False

    # --- running the server's programs -------------------------------------------------------------------------

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise ClusterUnavailable(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
        return result

    def init(self) -> None:
        self.socket_dir.mkdir(parents=True)
        os.chmod(self.base, 0o755)
        if self._as_postgres:
            shutil.chown(self.base, "postgres", "postgres")
            shutil.chown(self.socket_dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8" if Path("/usr/lib/locale/C.utf8").exists() else "--locale=C", "--no-sync")

    def start(self) -> None:
        options = [f"-k {self.socket_dir}", f"-p {self.port}",
                   "-c listen_addresses=" + ("127.0.0.1" if self.tcp else "''"),
                   "-c max_connections=200", "-c shared_buffers=128MB"]
        if not self.durable:  # a test cluster: speed over crash safety
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"), "-o", " ".join(options),
                  "-w", "-t", "60", "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)
            self.running = False

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> Cluster:
        self.init()
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.remove()

    # --- databases ---------------------------------------------------------------------------------------------

    def url(self, dbname: str = "postgres", *, user: str = SUPERUSER) -> str:
        if self.tcp:
            return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"
        return f"postgresql://{user}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def sql(self, statement: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(statement)

    def create_database(self, name: str, *, template: str | None = None) -> str:
        self.sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
