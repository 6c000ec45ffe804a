"""The vote fast lane: a reaction vote answered at the WSGI layer, before Django, with one
Redis round trip (docs/developers/votes.md).

It answers only what it can answer exactly as the view would (views.vote): a form-encoded
yes/no from our own origin, for an article Redis already knows (vote_queue), with Redis
reachable. Everything else goes on to Django unchanged: bad input, cross-site posts, the first
vote on an article after a change (Django describes and seeds it), Redis down (Django takes
the vote in the database). The security headers are the ones Django put on a vote reply in
this process, learnt from the first one per scheme (http, https), so the two paths answer alike.
"""

import io
import json
import logging
import re
import time
from http.cookies import SimpleCookie
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.core import signing
from django.http import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _

from nashra.core import digits, resilient_cache

from . import checks, identity, reactions, vote_queue
from .caching import REACTED

logger = logging.getLogger(__name__)

MAX_BODY = 1024
# Set per reply, so not learnt from Django's.
OWN_HEADERS = {
    "content-type",
    "content-length",
    "expires",
    "location",
    "content-language",
    "set-cookie",
}


class VoteLane:
    def __init__(self, app):
        self.app = app
        # learnt from Django's first vote reply, per scheme (HSTS is sent on https only)
        self.headers = {}
        languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
        self.path = re.compile(rf"/({languages})/engagement/articles/([0-9]{{1,12}})/reaction/\Z")
        self.enabled = (
            getattr(settings, "NASHRA_VOTE_LANE", True) and vote_queue.redis_cache() is not None
        )
        self.ssl_redirect = getattr(settings, "SECURE_SSL_REDIRECT", False)
        self.proxy_ssl_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        for problem in checks.persistence_problems():  # once, as the server starts
            logger.warning("Votes: %s See docs/operators/votes.md.", problem)

    def __call__(self, environ, start_response):
        if not self.enabled or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        match = self.path.match(environ.get("PATH_INFO", ""))
        if match is None:
            return self.app(environ, start_response)
        body = self._body(environ)
        if body is None:
            return self.app(environ, start_response)
        environ["wsgi.input"] = io.BytesIO(body)  # Django reads it again if we pass
        reply = None
        secure = self._secure(environ)
        if secure in self.headers:
            with translation.override(match[1]):
                reply = self._answer(environ, int(match[2]), body)
        if reply is None:
            return self.app(environ, self._learn(start_response, secure))
        status, headers, content = reply
        start_response(status, headers + self.headers[secure])
        return [content]

    def _body(self, environ):
        """The posted bytes when they are a small form, else None (Django decides)."""
        if not environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if not 0 < length <= MAX_BODY:
            return None
        body = environ["wsgi.input"].read(length)
        return body if len(body) == length else None

    def _learn(self, start_response, secure):
        def learning(status, headers, exc_info=None):
            if secure not in self.headers and status.startswith(("200", "302")):
                kept = [(k, v) for k, v in headers if k.lower() not in OWN_HEADERS]
                self.headers[secure] = kept
            return start_response(status, headers, exc_info)

        return learning

    def _secure(self, environ):
        header = self.proxy_ssl_header
        if header and environ.get(header[0]) == header[1]:
            return True
        return environ.get("wsgi.url_scheme") == "https"

    def _answer(self, environ, article_id, body):
        """(status, headers, body), or None to let Django answer."""
        secure = self._secure(environ)
        if self.ssl_redirect and not secure:
            return None
        try:
            fields = dict(parse_qsl(body.decode("utf-8"), errors="strict", max_num_fields=20))
        except (UnicodeDecodeError, ValueError):
            return None
        value = fields.get("value")
        if value not in ("yes", "no") or not self._same_origin(environ):
            return None
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        reader = new_reader = None
        if cookies.get(identity.COOKIE_NAME):
            try:
                reader = signing.loads(cookies[identity.COOKIE_NAME], salt=identity.COOKIE_SALT)
            except signing.BadSignature:
                reader = None
        if reader is None:
            reader = new_reader = identity.new_reader_key()
        address = identity.address_hash(SimpleNamespace(META=environ))
        cache = vote_queue.redis_cache()
        try:
            outcome = vote_queue.store().vote(article_id, reader, address, value == "yes")
        except vote_queue.Unavailable:
            return None
        except resilient_cache.ERRORS as exc:
            resilient_cache.report_failure(cache, exc)
            return None
        wants_json = "application/json" in environ.get("HTTP_ACCEPT", "")
        if outcome[0] == "ok":
            info = outcome[3]
            if not info.get("url"):
                return None
            if wants_json:
                tally = reactions.Tally(outcome[1], outcome[2]).as_dict()
                tally["sentence"] = digits.convert(tally["sentence"], info["digits"])
                data = {
                    "ok": True,
                    "my_vote": value,
                    "message": _("Thank you for your answer."),
                    "tally": tally,
                }
                reply = self._json("200 OK", data)
            else:
                location = f"{info['url']}?{REACTED}={value}#reaction"
                reply = (
                    "302 Found",
                    [("Content-Type", "text/html; charset=utf-8"), ("Location", location)],
                    b"",
                )
        elif outcome[0] == "rate":
            reply = self._refusal(
                wants_json, _("Too many votes from your network. Please wait a minute.")
            )
        elif outcome[0] == "cap":
            reply = self._refusal(wants_json, str(reactions.CAP_MESSAGE))
        else:
            return None  # an article Redis does not know yet: Django describes and seeds it
        status, headers, content = reply
        headers += [
            ("Content-Length", str(len(content))),
            ("Content-Language", translation.get_language()),
            ("Expires", http_date(time.time())),
        ]
        if new_reader:
            headers.append(("Set-Cookie", _reader_cookie(new_reader, secure)))
        return status, headers, content

    @staticmethod
    def _json(status, data):
        content = json.dumps(data, ensure_ascii=False).encode()
        return status, [("Content-Type", "application/json")], content

    def _refusal(self, wants_json, message):
        if wants_json:
            return self._json("429 Too Many Requests", {"ok": False, "message": message})
        return (
            "429 Too Many Requests",
            [("Content-Type", "text/html; charset=utf-8")],
            message.encode(),
        )

    @staticmethod
    def _same_origin(environ):
        """views._same_origin, on a host Django would accept (ALLOWED_HOSTS)."""
        if getattr(settings, "USE_X_FORWARDED_HOST", False):
            return False  # Django's get_host() decides; rare enough to leave to it
        host = environ.get("HTTP_HOST", "")
        domain, _port = split_domain_port(host)
        if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
            return False
        source = environ.get("HTTP_ORIGIN") or environ.get("HTTP_REFERER")
        if not source or source == "null":
            return False
        try:
            return urlsplit(source).netloc == host
        except ValueError:
            return False


def _reader_cookie(key, secure):
    cookie = SimpleCookie()
    name = identity.COOKIE_NAME
    cookie[name] = signing.dumps(key, salt=identity.COOKIE_SALT)
    morsel = cookie[name]
    morsel["max-age"] = identity.COOKIE_MAX_AGE
    morsel["expires"] = http_date(time.time() + identity.COOKIE_MAX_AGE)
    morsel["path"] = "/"
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    if secure:
        morsel["secure"] = True
    return morsel.OutputString()
