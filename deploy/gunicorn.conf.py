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
# gunicorn 25's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl):
# a second instance on the host (staging beside production) finds it taken and logs an
# error. Nothing here uses gunicornc; give each instance its own path to turn it back on.
control_socket_disable = True
