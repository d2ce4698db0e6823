"""The property tests through the API use the security tests' app on SQLite or its own PostgreSQL base."""
from tests.security.conftest import backend_app  # noqa: F401 (a fixture, registered by the import)
