"""Errors at the web edge: every failure becomes a 4xx/5xx with a message — JSON
`{"error", "message"}` under /api, an HTML page elsewhere — and the server stays up."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from tacitus.errors import InputError, StoreError

log = logging.getLogger(__name__)

_REASONS = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
            413: "payload_too_large", 422: "invalid_request", 500: "internal_error", 503: "unavailable"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str, details: list[Any] | None = None) -> Response:
    if _wants_json(request):
        body: dict[str, Any] = {"error": _REASONS.get(status, "error"), "message": message}
        if details:
            body["details"] = details
        return JSONResponse(body, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


def _validation_message(err: RequestValidationError) -> tuple[int, str, list[dict[str, str]]]:
    errors = err.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return 400, "malformed JSON body", []
    details = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path")),
                "message": str(e.get("msg", ""))} for e in errors]
    text = "; ".join(f"{d['field'] or 'body'}: {d['message']}" for d in details)
    return 422, text or "invalid request", details


def install(app: FastAPI) -> None:
    """Register the error handlers on `app`."""

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, err: RequestValidationError) -> Response:
        status, message, details = _validation_message(err)
        return error_response(request, status, message, details)

    @app.exception_handler(HTTPException)
    async def on_http(request: Request, err: HTTPException) -> Response:
        response = error_response(request, err.status_code, str(err.detail))
        if err.headers:
            response.headers.update(err.headers)
        return response

    @app.exception_handler(InputError)
    async def on_input(request: Request, err: InputError) -> Response:
        return error_response(request, 400, str(err))

    @app.exception_handler(StoreError)
    async def on_store(request: Request, err: StoreError) -> Response:
        log.warning("store error on %s: %s", request.url.path, err)
        return error_response(request, 503, str(err))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, err: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, f"internal error ({err.__class__.__name__})")
