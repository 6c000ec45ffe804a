"""Tags on a translation: each source tag becomes its twin in the other edition, or is left
off (and the editor told) when no twin is known.

A twin is known from an explicit TagTwin pair (a snippet editors keep), or else learned from
twinned articles: if every target-language twin of the articles carrying a tag shares exactly
one tag, that tag is its twin."""

from collections import defaultdict

from django.db.models import Q

from nashra.news.models import ArticleTag

from .models import TagsLeftOff, TagTwin


def twins_for(tags, source_lang, target_lang, exclude_keys=()):
    """{source tag id: target tag id} for the tags whose twin is known."""
    ids = {tag.pk for tag in tags}
    if source_lang == target_lang or not ids:
        return {}
    mapping = {}
    if {source_lang, target_lang} == {"en", "ar"}:
        source_field = f"{source_lang}_tag_id"
        target_field = f"{target_lang}_tag_id"
        for pair in TagTwin.objects.filter(**{f"{source_field}__in": ids}).values():
            mapping[pair[source_field]] = pair[target_field]
    unknown = ids - mapping.keys()
    if unknown:
        mapping.update(_learned(unknown, source_lang, target_lang, exclude_keys))
    return mapping


def _learned(tag_ids, source_lang, target_lang, exclude_keys):
    keys_by_tag = defaultdict(set)
    for tag_id, key in (
        ArticleTag.objects.filter(
            tag_id__in=tag_ids, content_object__locale__language_code=source_lang
        )
        .exclude(content_object__translation_key__in=exclude_keys)
        .values_list("tag_id", "content_object__translation_key")
    ):
        keys_by_tag[tag_id].add(key)
    all_keys = set().union(*keys_by_tag.values()) if keys_by_tag else set()
    tags_by_key = defaultdict(set)
    for key, tag_id in ArticleTag.objects.filter(
        Q(content_object__translation_key__in=all_keys),
        content_object__locale__language_code=target_lang,
    ).values_list("content_object__translation_key", "tag_id"):
        tags_by_key[key].add(tag_id)
    learned = {}
    for tag_id, keys in keys_by_tag.items():
        twinned = [tags_by_key[key] for key in keys if key in tags_by_key]
        if not twinned:
            continue
        shared = set.intersection(*twinned) - {tag_id}
        if len(shared) == 1:
            learned[tag_id] = shared.pop()
    return learned


def retag_translation(source, target):
    """Replace the tags a fresh translation copied with their twins; note the rest."""
    tags = list(source.tags.all())
    if not tags:
        return
    # Reloaded: other receivers of the same signal (the bylines) may have saved a newer
    # revision than the one `target` knows.
    draft = type(target).objects.get(pk=target.pk).get_latest_revision_as_object()
    mapping = twins_for(
        tags,
        source.locale.language_code,
        target.locale.language_code,
        exclude_keys=[source.translation_key],
    )
    from taggit.models import Tag

    twin_tags = list(Tag.objects.filter(pk__in=set(mapping.values())).order_by("name"))
    left_off = sorted(tag.name for tag in tags if tag.pk not in mapping)
    draft.tags.set(twin_tags)
    draft.save_revision(log_action=False)
    # The page row keeps the copied tags until published; make it agree with the draft.
    ArticleTag.objects.filter(content_object_id=target.pk).delete()
    ArticleTag.objects.bulk_create(
        [ArticleTag(content_object_id=target.pk, tag=tag) for tag in twin_tags]
    )
    if left_off:
        TagsLeftOff.objects.update_or_create(page_id=target.pk, defaults={"names": left_off})
    else:
        TagsLeftOff.objects.filter(page_id=target.pk).delete()
