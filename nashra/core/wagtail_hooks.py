from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def content_direction_js():
    return format_html('<script src="{}" defer></script>', static("js/admin-content-direction.js"))


@hooks.register("insert_editor_css")
def content_direction_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
