import sqlalchemy as sa

from bot.store.db import get_engine
from bot.store.migrate import current


def test_migrations_create_the_schema_from_empty(database_url):
    inspector = sa.inspect(get_engine(database_url))
    tables = set(inspector.get_table_names())
    assert {"articles", "reports", "alembic_version"} <= tables
    assert current(database_url)
