"""The database from DATABASE_URL: SQLite (the default, a file) or PostgreSQL."""

import dj_database_url


def database(url):
    config = dj_database_url.parse(url, conn_max_age=600)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Readers never hold up a publish (WAL), and a transaction takes the write lock as it
        # begins (IMMEDIATE), waiting its turn: one that read first and wrote later (a vote,
        # a comment, an image rendition during a render) would otherwise collide with a
        # publish in progress and fail at once with "database is locked".
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config
