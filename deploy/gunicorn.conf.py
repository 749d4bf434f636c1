"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`.

Sync workers, two per core (what bench/ measures). No access log: the application keeps
no raw client address (SECURITY.md), and the front proxy logs requests without them.
"""

import multiprocessing

bind = "127.0.0.1:8000"
workers = 2 * multiprocessing.cpu_count()
worker_class = "sync"
backlog = 2048
timeout = 30
graceful_timeout = 30
max_requests = 10_000  # recycle workers now and then
max_requests_jitter = 1_000
accesslog = None
errorlog = "-"
loglevel = "warning"
