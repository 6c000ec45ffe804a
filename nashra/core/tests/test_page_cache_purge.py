import pytest
from django.core.cache import cache

from nashra.core import page_cache

pytestmark = pytest.mark.django_db


def test_a_purge_bumps_again_when_its_transaction_commits(django_capture_on_commit_callbacks):
    """Anything cached from a render that read the new version before the publish committed
    (so saw the old content) is made unreachable by the second bump."""
    with django_capture_on_commit_callbacks(execute=True):
        page_cache.purge(paths=["/en/a/"], languages=["en"])
        during = cache.get_many(["pcv:path:/en/a/", "pcv:lang:en"])
        assert len(during) == 2
    after = cache.get_many(["pcv:path:/en/a/", "pcv:lang:en"])
    assert all(after[name] != during[name] for name in during)
