"""Schemathesis against /openapi.json: every operation, a bounded number of generated cases."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, settings  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(sample_db):
    from storyline.serve import create_app

    # No write token: generated writes must all be refused, and the sample store stays as it is.
    # The ASGI transport's client is not an IP address, so reads are opened (loopback-only is tested elsewhere).
    app = create_app(sample_db, token="", public_reads=True)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi(case):
    case.call_and_validate()
