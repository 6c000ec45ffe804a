# The distribution tests' recording front cache (it answers PURGE like nginx, and keeps what
# it was sent), for the tests that check a scheduled publish purges as an editor's does.
from nashra.distribution.tests.conftest import front  # noqa: F401
