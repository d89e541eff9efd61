"""Work that runs after the answer has left: the person does not wait for it (issue 18: the signed
order's PDF).

``after_response(func)`` inside a request queues ``func`` on the response: the WSGI server calls the
response's ``close()`` once the body is sent, and Django runs its resource closers there (the test
client does the same at the end of a request). Outside a request (a management command, a service
called from a test or the shell) ``func`` runs at once. Register it from ``transaction.on_commit``, so
nothing runs for a write that was rolled back.

Each function runs once, in the same process, after the response; an exception is logged and does not
reach anyone (the work must be repeatable on demand: the order's PDF is made again on download).
"""

import logging
from collections.abc import Callable
from contextvars import ContextVar

logger = logging.getLogger(__name__)

_queue: ContextVar[list[Callable[[], object]] | None] = ContextVar("after_response", default=None)


def after_response(func: Callable[[], object]) -> None:
    queue = _queue.get()
    if queue is None:
        func()
    else:
        queue.append(func)


def run_queued(queue: list[Callable[[], object]]) -> None:
    while queue:
        func = queue.pop(0)
        try:
            func()
        except Exception:
            logger.exception("After-response work failed: %r", func)


class AfterResponseMiddleware:
    """Opens the queue of ``after_response`` for the request and hands it to the response's closers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queue: list[Callable[[], object]] = []
        token = _queue.set(queue)
        try:
            response = self.get_response(request)
        finally:
            _queue.reset(token)
        if queue:
            response._resource_closers.append(lambda: run_queued(queue))
        return response
