"""Django's PostgreSQL backend, pointed at the embedded server on first connection.

Starting the server lazily (not at settings import) keeps commands that never touch
the database, such as ``check --deploy`` or ``makemessages``, free of side effects.
"""

from django.db.backends.postgresql import base

from newsroom import embedded_postgres


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        server = embedded_postgres.server_params(self.settings_dict["OPTIONS"]["data_dir"])
        self.settings_dict.update(
            HOST=server["host"], PORT=server.get("port", ""), USER=server["user"]
        )
        params = super().get_connection_params()
        params.pop("data_dir", None)
        embedded_postgres.ensure_database(server, params.get("dbname"))
        return params
