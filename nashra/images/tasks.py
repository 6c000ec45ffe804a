"""Renditions made in the background (the worker, deploy/worker.py), so that the first reader
of a new picture does not wait for its AVIF encodings (docs/developers/images.md)."""

from django_tasks import task


def all_specs():
    """Every rendition the public site asks of an image: each placement in every width and
    format, the social card and the JSON-LD ratios."""
    from .presenters import JSON_LD_RATIOS, PLACEMENTS, SOCIAL_CARD, placement_specs

    return (*placement_specs(*PLACEMENTS), SOCIAL_CARD, *JSON_LD_RATIOS)


# Below every other task (priority 0): a WordPress import's thousand pictures must not hold
# up a scheduled publish or a reindex.
@task(backend="newsroom", priority=-50)
def generate_renditions(image_id):
    """Make the image's renditions that do not exist yet; returns how many it asked for."""
    from wagtail.images.shortcuts import get_renditions_or_not_found

    from .models import NashraImage

    image = NashraImage.objects.filter(pk=image_id).first()
    if image is None:  # deleted since
        return 0
    specs = all_specs()
    get_renditions_or_not_found(image, specs)
    return len(specs)
