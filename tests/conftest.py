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

    def _determine(plan_id: str = "caloptima-medi-cal", *, calendar=None, **changes):
        request = make_request(plan=plan_id, **changes)
        kwargs = {"calendar": calendar} if calendar is not None else {}
        return evaluate(request, profiles[plan_id], directory, specialties, **kwargs)

    return _determine
