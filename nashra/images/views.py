"""Media served by Django (the demo; production leaves it to nginx), with the lifetimes nginx
gives them (deploy/nginx/nashra.conf.template)."""

import posixpath

from django.views.static import serve

# Renditions: a new name for every new content (docs/developers/images.md).
RENDITION_CACHE = "public, max-age=31536000, immutable"
ORIGINAL_CACHE = "public, max-age=86400"


def serve_media(request, path, document_root=None):
    response = serve(request, path, document_root=document_root)
    if response.status_code == 200:
        # As serve() resolves it: images/../original_images/x is an original, not a rendition.
        immutable = posixpath.normpath(path).lstrip("/").startswith("images/")
        response["Cache-Control"] = RENDITION_CACHE if immutable else ORIGINAL_CACHE
    return response
