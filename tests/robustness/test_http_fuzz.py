"""A bounded schemathesis run over the HTTP API's OpenAPI document, in process against the
ASGI app (no network), with a fake extractor: no request may make the server fail (5xx)
or answer outside its documented responses. The app is writable, so POST /api/articles
is fuzzed too (into a throw-away database)."""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis==4.32.5 (test extra)")
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tacitus.web.app import create_app

MAX_EXAMPLES = 40


@pytest.fixture(scope="module")
def app(tmp_path_factory, webdemo):
    db = webdemo.make_demo_db(tmp_path_factory.mktemp("http-fuzz") / "demo.duckdb", 30)
    return create_app(db, extractor=webdemo.WebFakeExtractor(), read_only=False)


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def operations(api_schema) -> list:
    return [result.ok() for result in api_schema.get_all_operations()]


# schemathesis's own pytest plugin (`schema.parametrize()`) does not run under pytest 9
# ('Function' object has no attribute '_nodeid'), so each operation's hypothesis strategy
# is driven here with @given: the same generation and the same checks.
def test_api_conforms_to_its_openapi(api_schema, figures) -> None:
    ops = operations(api_schema)
    assert len(ops) >= 8
    failures: list[str] = []
    for op in ops:
        count = 0

        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                  derandomize=True, database=None)
        @given(case=op.as_strategy())
        def prop(case) -> None:
            nonlocal count
            count += 1
            response = case.call()
            assert response.status_code < 500, (case.method, case.formatted_path, response.status_code,
                                                response.text[:300])
            case.validate_response(response, checks=[not_a_server_error, status_code_conformance,
                                                     content_type_conformance, response_schema_conformance])

        try:
            prop()
        except Exception as err:  # collect every operation's failure, then fail once
            failures.append(f"{op.method.upper()} {op.path}: {str(err)[:1500]}")
        figures.fuzz["HTTP API (schemathesis)"] += count
    assert not failures, "\n\n".join(failures)
