"""`drafter serve`: the application in waitress, a real WSGI server that runs on Windows too.

Bound to this computer by default. Listening on any other address lets colleagues on the office
network in, and everyone else on it: that needs a token, and a warning says so.
"""

from __future__ import annotations

import ipaddress
import signal
import threading
import webbrowser

from ..errors import DrafterError
from ..settings import Settings


def _local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop_on_signals() -> None:
    """Ctrl-C and a service manager's TERM both stop the server cleanly; SIGINT is set explicitly
    because a shell starting the server in the background hands it over ignored."""
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          token: str | None = None, workers: int | None = None, say=print) -> None:
    """Serve until Ctrl-C (or the process is told to stop), then close the worker pool."""
    from waitress import create_server

    from .app import create_app

    if not _local(host):
        if not token:
            raise DrafterError(f"--host {host} opens the page to the network", place="serve",
                               fix="add --token SECRET, which the page asks for once, or keep --host 127.0.0.1")
        say(f"warning: listening on {host}: anyone on the network who has the token can use this server")
    app = create_app(settings, token=token, workers=workers)
    pool = app.extensions["drafter"]["pool"]
    try:  # More threads than workers, so a request beyond the queue is answered (503) at once.
        server = create_server(app, host=host, port=port, threads=pool.workers + 4, ident="drafter",
                               max_request_body_size=settings.max_bytes + 1024 * 1024)
    except (OSError, ValueError) as exc:  # the port is taken; a host waitress cannot resolve (ValueError)
        pool.close()
        reason = getattr(exc, "strerror", None) or str(exc).rstrip(".")
        raise DrafterError(f"cannot listen on {host} port {port}: {reason}", place="serve",
                           fix="choose another --port (0: any free one), or a --host this computer has") from None
    address = f"http://{host if ':' not in host else f'[{host}]'}:{server.effective_port}/"
    _stop_on_signals()
    try:  # before the address is announced: a Ctrl-C right after it is a clean stop too
        say(f"drafter serving on {address} (Ctrl-C to stop)")
        if open_browser:
            threading.Timer(0.5, webbrowser.open, args=(address,)).start()
        server.run()  # returns, or raises KeyboardInterrupt, on Ctrl-C
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        pool.close()
    say("stopped")
