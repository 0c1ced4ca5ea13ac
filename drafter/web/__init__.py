"""The web page (`drafter serve`): a Flask application over drafter.api, served by waitress.

Requests are parsed and answered in app.py; uploads live in a private folder per request
(uploads.py); the work itself runs in a bounded pool of processes (pool.py, jobs.py); guard.py
refuses other origins, missing tokens and work beyond the queue.
"""

from .app import create_app

__all__ = ["create_app"]
