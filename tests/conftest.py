import os

# Qt needs a platform before any QApplication exists; CI and newcomers have no screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No log file in the user's data folder from a test run (tests/unit/test_logs.py logs to a temporary file).
os.environ.setdefault("SODESK_LOG", "off")

import pytest  # noqa: E402

from app.domain.directory import InMemoryDirectory  # noqa: E402
from app.rules.engine import evaluate  # noqa: E402
from app.rules.profiles import default_profiles  # noqa: E402
from tests.factories import cast, make_request  # noqa: E402
from tests.support.desks import PASSWORD, SUNRISE_CLINIC, Clock, add_users, build_desk  # noqa: E402


@pytest.fixture(scope="session")
def profiles():
    return default_profiles()


@pytest.fixture(scope="session")
def specialties():
    from app.codes.taxonomy import default_taxonomy

    return default_taxonomy()


@pytest.fixture(scope="session")
def directory():
    return InMemoryDirectory(cast())


@pytest.fixture(scope="session")
def determine(profiles, directory, specialties):
    """determine(plan_id, **request changes) -> Determination, on the synthetic cast."""

    def _determine(plan_id: str = "caloptima-medi-cal", *, calendar=None, coverage=None, **changes):
        """`coverage`: what the member roster says of the member (app.domain.members.MemberCoverage)."""
        request = make_request(plan=plan_id, **changes)
        kwargs = {"calendar": calendar} if calendar is not None else {}
        names = {plan: profiles[plan].name for plan in profiles}
        return evaluate(request, profiles[plan_id], directory, specialties, coverage=coverage, plan_names=names,
                        **kwargs)

    return _determine


# --- the two storage engines ------------------------------------------------------------------------------------
# Storage, service and concurrency tests take `fresh_store` and run once on each engine: a SQLite file, and a
# database of its own on a real PostgreSQL server started for this run (app.devtools.pgcluster; never a mock).
# SODESK_TEST_PG=skip skips the PostgreSQL half on a machine without the server (CI installs it and never skips).

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_cluster():
    if os.environ.get("SODESK_TEST_PG") == "skip":
        pytest.skip("SODESK_TEST_PG=skip: the PostgreSQL half is not run")
    from app.devtools.pgcluster import Cluster, ClusterUnavailable

    try:
        cluster = Cluster()
        cluster.init()
        cluster.start()
    except ClusterUnavailable as error:
        pytest.fail(f"no PostgreSQL server for the tests: {error}", pytrace=False)
    from app.storage.store import open_store

    # One migrated template: every test's database is a copy of it (CREATE DATABASE ... TEMPLATE, ~20 ms).
    try:
        cluster.create_database("sodesk_template")
        open_store(cluster.url("sodesk_template")).close()
    except BaseException:
        cluster.remove()  # never a server left running by a failed set-up
        raise
    yield cluster
    cluster.remove()


_PG_DATABASES = iter(range(1, 10**9))


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of a new, migrated database of its own on the test server (dropped afterwards)."""
    from app.storage.store import close_server_stores

    name = f"test_{os.getpid()}_{next(_PG_DATABASES)}"
    url = pg_cluster.create_database(name, template="sodesk_template")
    yield url
    close_server_stores()  # the test's pools (and their threads) end with it
    pg_cluster.drop_database(name)


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture
def db_target(engine, request, tmp_path):
    """Where a test's database lives on `engine`: a SQLite file path, or a PostgreSQL URL."""
    if engine == "sqlite":
        return tmp_path / "desk.sqlite3"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def fresh_store(db_target):
    """An empty, migrated database on each engine."""
    from app.storage.store import open_store

    store = open_store(db_target)
    yield store
    store.close()


# --- desks: the app's Desk as the tests use it (one builder: tests.support.desks.build_desk) ---------------------
# The desk fixtures are on `db_target`, so they run once on each engine; a test on a file of its own (tmp_path)
# asks `make_desk` for one. A desk's case service, letters and exports run on `clock` and name "clerk.one".


@pytest.fixture
def clock():
    """A clock the test sets (`clock.now = ...`), at SYNTHETIC_NOW (a Monday morning, Pacific time) to begin
    with: the desk fixtures' clock."""
    return Clock()


@pytest.fixture
def make_desk(clock):
    """make_desk(target, **options) -> a desk on `target` (tests.support.desks.build_desk: `clock`, `who`,
    `providers`, `practice`), on the test's `clock` unless given another."""

    def make(target, **options):
        options.setdefault("clock", clock)
        return build_desk(target, **options)

    return make


@pytest.fixture
def fresh_desk(make_desk, db_target):
    """A desk on each engine with nothing in it but what the app creates (no providers, default settings)."""
    return make_desk(db_target, providers=False)


@pytest.fixture
def seeded_desk(make_desk, db_target):
    """A desk on each engine with the synthetic cast (tests.factories.cast) in its directory and the settings of
    Sunrise Test Clinic (tests.support.desks.SUNRISE_CLINIC)."""
    return make_desk(db_target, practice=SUNRISE_CLINIC)


@pytest.fixture
def signed_in(make_desk, db_target):
    """A seeded desk with its users (tests.support.desks.USERS: admin, rev, desk; each with PASSWORD) and the admin
    signed in; its history and audit name the signed-in user. `desk.session = desk.auth.sign_in(...)` changes who."""
    desk = make_desk(db_target, practice=SUNRISE_CLINIC, who=None)
    add_users(desk.auth)
    desk.session = desk.auth.sign_in("admin", PASSWORD)
    return desk


@pytest.fixture
def memory_keyring():
    """This computer's keyring, kept in memory for the test (the real desktop keyrings need a session bus);
    `.kept` holds what was stored."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.kept = {}

        def get_password(self, service, username):
            return self.kept.get((service, username))

        def set_password(self, service, username, password):
            self.kept[(service, username)] = password

        def delete_password(self, service, username):
            self.kept.pop((service, username), None)

    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


# --- dialogs: the one test seam (app.ui.dialogs) ----------------------------------------------------------------


class DialogsSeen:
    """What the desk would have shown, in order (`shown`), answered from `answers` (by title, else by kind:
    a choice's label for a question, a path for a chooser, a password); unanswered: cancelled."""

    def __init__(self) -> None:
        self.shown: list = []
        self.answers: dict[str, object] = {}

    def __call__(self, shown):
        self.shown.append(shown)
        return self.answers.get(shown.title, self.answers.get(shown.kind))

    def of(self, kind: str) -> list:
        return [shown for shown in self.shown if shown.kind == kind]

    @property
    def texts(self) -> list[str]:
        return [shown.everything for shown in self.shown]


@pytest.fixture
def dialogs_seen():
    from app.ui import dialogs

    seen = DialogsSeen()
    dialogs.answer_with(seen)
    yield seen
    dialogs.answer_with(None)
