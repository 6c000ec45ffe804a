"""MediaFetcher: offline reads from a copied uploads folder, and guarded downloads."""

import hashlib
import ipaddress
import os
import socket
import ssl
from unittest import mock

import pytest

from nashra.wpimport.media import (
    MediaError,
    MediaFetcher,
    NotAnImage,
    normalise_media_url,
    original_candidates,
    refused_address_reason,
    safe_file_name,
)

from .media_helpers import (
    MediaServer,
    image_bytes,
    self_signed_certificate,
    tls_server_context,
)

JPEG = image_bytes()


def _is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class LocalFetcher(MediaFetcher):
    """Allowed to reach the test server on 127.0.0.1 (never so in production)."""

    allowed_networks = (ipaddress.ip_network("127.0.0.1/32"),)


@pytest.fixture
def server():
    server = MediaServer()
    yield server
    server.close()


@pytest.fixture
def uploads(tmp_path):
    root = tmp_path / "uploads"
    (root / "2024" / "05").mkdir(parents=True)
    (root / "2024" / "05" / "photo.jpg").write_bytes(JPEG)
    (root / "2024" / "05" / "صورة-الغلاف.png").write_bytes(image_bytes("PNG"))
    (root / "2024" / "05" / "notes.jpg").write_bytes(b"not really a picture")
    (tmp_path / "secret.jpg").write_bytes(JPEG)
    os.symlink(tmp_path / "secret.jpg", root / "2024" / "escape.jpg")
    return root


@pytest.fixture
def no_network():
    with (
        mock.patch.object(socket, "create_connection", side_effect=AssertionError("network")),
        mock.patch.object(socket, "getaddrinfo", side_effect=AssertionError("network")),
    ):
        yield


# Offline ---------------------------------------------------------------------------------


def test_offline_reads_the_file_under_uploads(uploads, no_network):
    fetched = MediaFetcher(uploads_dir=uploads).fetch(
        "https://old.example/wp-content/uploads/2024/05/photo.jpg?ver=2"
    )
    assert fetched.data == JPEG
    assert fetched.name == "photo.jpg"
    assert fetched.format == "JPEG"
    assert fetched.sha256 == hashlib.sha256(JPEG).hexdigest()


def test_offline_decodes_percent_encoded_unicode_names(uploads, no_network):
    url = (
        "https://old.example/wp-content/uploads/2024/05/"
        "%D8%B5%D9%88%D8%B1%D8%A9-%D8%A7%D9%84%D8%BA%D9%84%D8%A7%D9%81.png"
    )
    fetched = MediaFetcher(uploads_dir=uploads).fetch(url)
    assert fetched.name == "صورة-الغلاف.png"
    assert fetched.format == "PNG"


@pytest.mark.parametrize(
    "path",
    [
        "/wp-content/uploads/../../secret.jpg",
        "/wp-content/uploads/2024/%2e%2e/%2e%2e/../secret.jpg",
        "/wp-content/uploads/2024/..%2f..%2f..%2fsecret.jpg",
        "/wp-content/uploads//etc/passwd",
        "/wp-content/uploads/2024\\..\\..\\secret.jpg",
        "/wp-content/uploads/C:/Windows/win.ini",
    ],
)
def test_offline_refuses_paths_leaving_the_folder(uploads, no_network, path):
    with pytest.raises(MediaError, match="plain path inside the uploads"):
        MediaFetcher(uploads_dir=uploads).fetch("https://old.example" + path)


def test_offline_refuses_a_symlink_out_of_the_folder(uploads, no_network):
    with pytest.raises(MediaError, match="outside the uploads folder"):
        MediaFetcher(uploads_dir=uploads).fetch(
            "https://old.example/wp-content/uploads/2024/escape.jpg"
        )


def test_offline_missing_file_and_foreign_address_never_touch_the_network(uploads, no_network):
    fetcher = MediaFetcher(uploads_dir=uploads)
    with pytest.raises(MediaError, match="not in the uploads folder"):
        fetcher.fetch("https://old.example/wp-content/uploads/2023/01/gone.jpg")
    with pytest.raises(MediaError, match="offline import"):
        fetcher.fetch("https://elsewhere.example/picture.jpg")


def test_offline_file_that_is_not_an_image(uploads, no_network):
    with pytest.raises(NotAnImage):
        MediaFetcher(uploads_dir=uploads).fetch(
            "https://old.example/wp-content/uploads/2024/05/notes.jpg"
        )


def test_offline_size_limit(uploads, no_network):
    with pytest.raises(MediaError, match="larger than 100 bytes"):
        MediaFetcher(uploads_dir=uploads, max_bytes=100).fetch(
            "https://old.example/wp-content/uploads/2024/05/photo.jpg"
        )


def test_offline_missing_file_falls_back_to_the_mirror(uploads, server):
    server.serve("/mirror/wp-content/uploads/2023/01/gone.jpg", JPEG)
    fetcher = LocalFetcher(uploads_dir=uploads, media_base_url=server.url("/mirror/"))
    fetched = fetcher.fetch("https://old.example/wp-content/uploads/2023/01/gone.jpg")
    assert fetched.data == JPEG


# Addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
        "64:ff9b::a00:1",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert refused_address_reason(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert refused_address_reason(address) is None


def test_a_local_server_is_refused_as_loopback(server):
    server.serve("/img.jpg", JPEG)
    with pytest.raises(MediaError, match="loopback"):
        MediaFetcher().fetch(server.url("/img.jpg"))
    assert server.requests == []


def test_a_host_with_any_private_address_is_refused():
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 80)),
    ]
    with (
        mock.patch.object(socket, "getaddrinfo", return_value=answers),
        pytest.raises(MediaError, match="private"),
    ):
        MediaFetcher().fetch("http://mixed.example/a.jpg")


@pytest.mark.parametrize(
    "url",
    ["ftp://old.example/a.jpg", "file:///etc/passwd", "gopher://old.example/", "data:,x"],
)
def test_only_http_and_https(url):
    with pytest.raises(MediaError, match="Only http and https"):
        MediaFetcher().fetch(url)


# Downloads -------------------------------------------------------------------------------


def test_download(server):
    server.serve("/wp-content/uploads/2024/05/photo.jpg", JPEG)
    fetched = LocalFetcher().fetch(server.url("/wp-content/uploads/2024/05/photo.jpg"))
    assert (fetched.name, fetched.data, fetched.format) == ("photo.jpg", JPEG, "JPEG")


def test_connects_to_the_checked_address_and_keeps_the_host_name(server):
    """The name is resolved once; the connection goes to that address (no second lookup
    that a rebinding DNS server could answer differently)."""
    server.serve("/a.jpg", JPEG)
    lookups = []

    def resolve(host, port, *args, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    with mock.patch.object(socket, "getaddrinfo", side_effect=resolve):
        fetched = LocalFetcher().fetch(f"http://media.example:{server.port}/a.jpg")
    assert fetched.data == JPEG
    assert lookups[0] == "media.example"
    assert all(_is_address(host) for host in lookups[1:])  # the connection's, by number
    assert server.requests == [("/a.jpg", f"media.example:{server.port}")]


def test_media_base_url_rewrites_the_origin(server):
    server.serve("/mirror/wp-content/uploads/2024/05/photo.jpg", JPEG)
    fetcher = LocalFetcher(media_base_url=server.url("/mirror"))
    fetched = fetcher.fetch("https://old.example/wp-content/uploads/2024/05/photo.jpg")
    assert fetched.data == JPEG
    assert server.requests[0][0] == "/mirror/wp-content/uploads/2024/05/photo.jpg"


def test_follows_redirects(server):
    server.serve("/final.jpg", JPEG)
    server.redirect("/one", "/two", 301)
    server.redirect("/two", server.url("/final.jpg"), 307)
    assert LocalFetcher().fetch(server.url("/one")).data == JPEG
    assert [path for path, _host in server.requests] == ["/one", "/two", "/final.jpg"]


def test_a_redirect_to_a_private_address_is_refused_on_that_hop(server):
    server.redirect("/start.jpg", "http://10.0.0.7/internal.jpg")
    with pytest.raises(MediaError, match="private address"):
        LocalFetcher().fetch(server.url("/start.jpg"))
    assert [path for path, _host in server.requests] == ["/start.jpg"]


def test_a_redirect_to_another_scheme_is_refused(server):
    server.redirect("/start.jpg", "file:///etc/passwd")
    with pytest.raises(MediaError, match="Only http and https"):
        LocalFetcher().fetch(server.url("/start.jpg"))


def test_too_many_redirects(server):
    server.redirect("/loop", "/loop")
    with pytest.raises(MediaError, match="More than 5 redirects"):
        LocalFetcher().fetch(server.url("/loop"))
    assert len(server.requests) == 6


def test_too_big_by_its_content_length(server):
    server.serve("/big.jpg", image_bytes(size=(400, 400)))
    with pytest.raises(MediaError, match="larger than 1000 bytes"):
        LocalFetcher(max_bytes=1000).fetch(server.url("/big.jpg"))


def test_too_big_while_streaming(server):
    server.serve("/big.jpg", b"\xff" * 5000, length=False)
    with pytest.raises(MediaError, match="larger than 1000 bytes"):
        LocalFetcher(max_bytes=1000).fetch(server.url("/big.jpg"))


def test_time_limit_covers_the_whole_download(server):
    server.drip("/slow.jpg", JPEG, delay=0.05)  # each byte in time, the whole far too late
    with pytest.raises(MediaError, match="longer than 0.5 seconds"):
        LocalFetcher(timeout=0.5).fetch(server.url("/slow.jpg"))


def test_not_an_image(server):
    server.serve("/page.jpg", b"<html>hello</html>", content_type="text/html")
    with pytest.raises(NotAnImage):
        LocalFetcher().fetch(server.url("/page.jpg"))


def test_an_image_format_wagtail_does_not_take(server):
    server.serve("/old.bmp", image_bytes("BMP"))
    with pytest.raises(NotAnImage, match="BMP"):
        LocalFetcher().fetch(server.url("/old.bmp"))


def test_http_errors(server):
    with pytest.raises(MediaError, match="404"):
        LocalFetcher().fetch(server.url("/nothing.jpg"))


def test_name_gets_the_format_extension(server):
    server.serve("/image.php?id=3", image_bytes("WEBP"))
    fetched = LocalFetcher().fetch(server.url("/image.php?id=3"))
    assert fetched.name == "image.php.webp"
    assert fetched.format == "WEBP"


# Names and addresses ---------------------------------------------------------------------


def test_safe_file_name():
    assert safe_file_name("/a/b/%D8%B5%D9%88%D8%B1%D8%A9.jpg") == "صورة.jpg"
    assert safe_file_name("..%2f..%2fetc%2fpasswd") == "passwd"
    assert safe_file_name("/x/") == "image"
    assert safe_file_name("/x/a\x00b c.jpg") == "ab-c.jpg"
    assert len(safe_file_name("/" + "a" * 300 + ".jpeg")) == 100


def test_normalised_addresses():
    assert normalise_media_url("http://Old.Example:80/a%20b.jpg#x") == normalise_media_url(
        "https://old.example/a b.jpg"
    )
    assert normalise_media_url("https://old.example/%d8%a7.jpg") == normalise_media_url(
        "https://old.example/%D8%A7.jpg"
    )


def test_original_candidates():
    assert original_candidates("https://o.example/2024/05/photo-scaled-300x200.jpg") == [
        "https://o.example/2024/05/photo.jpg",
        "https://o.example/2024/05/photo-scaled.jpg",
        "https://o.example/2024/05/photo-scaled-300x200.jpg",
    ]
    assert original_candidates("https://o.example/photo.jpg") == ["https://o.example/photo.jpg"]


def test_an_international_host_name_is_sent_in_its_ascii_form(server):
    server.serve("/a.jpg", JPEG)

    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    with mock.patch.object(socket, "getaddrinfo", side_effect=resolve):
        LocalFetcher().fetch(f"http://صور.example:{server.port}/a.jpg")
    assert server.requests == [("/a.jpg", f"xn--wgbh1d.example:{server.port}")]


@pytest.fixture
def tls_server(tmp_path):
    cert, key = self_signed_certificate(tmp_path, "media.test")
    server = MediaServer(tls=tls_server_context(cert, key))
    server.cert = cert
    yield server
    server.close()


def _resolve_to_loopback(host, port, *args, **kwargs):
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]


class TrustingFetcher(LocalFetcher):
    cafile = None

    def ssl_context(self):
        return ssl.create_default_context(cafile=self.cafile)


def test_https_to_the_checked_address_verifies_the_host_name(tls_server):
    tls_server.serve("/a.jpg", JPEG)
    fetcher = TrustingFetcher()
    fetcher.cafile = tls_server.cert
    with mock.patch.object(socket, "getaddrinfo", side_effect=_resolve_to_loopback):
        assert fetcher.fetch(f"https://media.test:{tls_server.port}/a.jpg").data == JPEG
        with pytest.raises(MediaError, match="TLS failed"):
            fetcher.fetch(f"https://other.test:{tls_server.port}/a.jpg")  # not its name
        with pytest.raises(MediaError, match="TLS failed"):
            LocalFetcher().fetch(f"https://media.test:{tls_server.port}/a.jpg")  # unknown CA
