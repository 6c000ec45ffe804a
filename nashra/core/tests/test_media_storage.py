"""MEDIA_STORAGE: the URL parser, the production settings it feeds, and a real S3 peer.

The end-to-end tests talk S3 over HTTP to moto's server, run as a separate process on a free
port: images, renditions and documents are stored there and read back through their URLs.
"""

import io
import json
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client, override_settings
from PIL import Image as PILImage

from nashra.core.storage_url import S3_BACKEND, storage_from_url
from tests.support import free_port, production_environment, wait_until_answering

ROOT = Path(__file__).resolve().parents[3]
SECRET_KEY = "k3J9-pQ2_vX8zL5mN1bR7tY4wE6uI0oA2sD8fG3hJ5kL7zX9cV1bN"
EXAMPLE = (
    "s3://bucket-name?endpoint_url=http://127.0.0.1:9000&region=us-east-1"
    "&custom_domain=media.example.org&querystring_auth=false"
)
# What EXAMPLE configures, as django-storages' options.
EXAMPLE_OPTIONS = {
    "bucket_name": "bucket-name",
    "location": "",
    "file_overwrite": False,
    "querystring_auth": False,
    "endpoint_url": "http://127.0.0.1:9000",
    "region_name": "us-east-1",
    "custom_domain": "media.example.org",
}


# The parser -------------------------------------------------------------------------------


def test_the_documented_example_becomes_s3_storage_options():
    assert storage_from_url(EXAMPLE) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": EXAMPLE_OPTIONS,
    }


def test_a_bare_bucket_is_enough_and_a_path_becomes_the_key_prefix():
    assert storage_from_url("s3://news-media")["OPTIONS"] == {
        "bucket_name": "news-media",
        "location": "",
        "file_overwrite": False,
        "querystring_auth": False,
    }
    assert storage_from_url("s3://news-media/nashra/media/")["OPTIONS"]["location"] == (
        "nashra/media"
    )


def test_optional_parameters():
    options = storage_from_url(
        "s3://news-media?querystring_auth=TRUE&url_protocol=http&addressing_style=path"
        "&custom_domain=cdn.example.org/media/"
    )["OPTIONS"]
    assert options["querystring_auth"] is True
    assert options["url_protocol"] == "http:"
    assert options["addressing_style"] == "path"
    assert options["custom_domain"] == "cdn.example.org/media"


def test_every_option_is_one_s3storage_accepts():
    from storages.backends.s3 import S3Storage

    storage = S3Storage(
        **storage_from_url(EXAMPLE + "&url_protocol=http&addressing_style=path")["OPTIONS"]
    )
    assert storage.bucket_name == "bucket-name"
    assert storage.custom_domain == "media.example.org"
    assert storage.url("a b.jpg") == "http://media.example.org/a%20b.jpg"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "unknown scheme (none)"),
        ("bucket-name", "unknown scheme (none)"),
        ("gs://bucket-name", "unknown scheme gs://"),
        ("https://bucket-name.s3.amazonaws.com", "unknown scheme https://"),
        ("s3://", "no bucket name"),
        ("s3:///media?region=us-east-1", "no bucket name"),
        ("s3://?endpoint_url=http://127.0.0.1:9000", "no bucket name"),
        ("s3://Bucket_Name", "not a valid bucket name"),
        ("s3://127.0.0.1:9000/bucket", "not a valid bucket name"),
        ("s3://key:secret@bucket-name", "do not put credentials in the URL"),
        ("s3://bucket-name?regoin=us-east-1", "unknown parameter regoin"),
        ("s3://bucket-name?region=a&region=b", "region is given more than once"),
        ("s3://bucket-name?region=", "region is empty"),
        ("s3://bucket-name?region", "query string cannot be read"),
        ("s3://bucket-name?endpoint_url=127.0.0.1:9000", "endpoint_url must be an http"),
        ("s3://bucket-name?custom_domain=https://media.example.org", "without a scheme"),
        ("s3://bucket-name?querystring_auth=maybe", "querystring_auth must be true or false"),
        ("s3://bucket-name?url_protocol=ftp", "url_protocol must be http or https"),
        ("s3://bucket-name?addressing_style=dns", "addressing_style must be auto"),
    ],
)
def test_a_malformed_url_is_refused_with_a_clear_message(url, message):
    with pytest.raises(ImproperlyConfigured) as caught:
        storage_from_url(url)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"MEDIA_STORAGE={url!r}: ")
    assert "AWS_ACCESS_KEY_ID" in str(caught.value)


# The production settings module, imported fresh in a subprocess --------------------------


def _production(extra_env, code):
    env = production_environment(
        without=("MEDIA_STORAGE",),
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="news.example.org",
        AWS_ACCESS_KEY_ID="boot-test-key",
        AWS_SECRET_ACCESS_KEY="boot-test-secret",
        **extra_env,
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


_PRINT_DEFAULT_STORAGE = """
import json
import django
from django.conf import settings
django.setup()
from django.core.files.storage import default_storage
url = default_storage.url("original_images/photo.jpg")
storage_class = type(default_storage._wrapped)
print(json.dumps({
    "setting": settings.STORAGES["default"],
    "class": f"{storage_class.__module__}.{storage_class.__name__}",
    "url": url,
}))
"""


def test_production_settings_use_s3_when_media_storage_is_set():
    result = _production({"MEDIA_STORAGE": EXAMPLE}, _PRINT_DEFAULT_STORAGE)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["setting"] == {"BACKEND": S3_BACKEND, "OPTIONS": EXAMPLE_OPTIONS}
    assert out["class"] == S3_BACKEND
    assert out["url"] == "https://media.example.org/original_images/photo.jpg"


def test_production_settings_keep_local_files_without_media_storage():
    result = _production({"MEDIA_ROOT": "/srv/nashra-media"}, _PRINT_DEFAULT_STORAGE)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["setting"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert out["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert out["url"] == "/media/original_images/photo.jpg"


def test_production_settings_refuse_a_malformed_media_storage():
    result = _production(
        {"MEDIA_STORAGE": "s3://?region=us-east-1"},
        "from django.conf import settings; settings.STORAGES",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "MEDIA_STORAGE='s3://?region=us-east-1': no bucket name" in result.stderr


# End to end against moto's S3 server ------------------------------------------------------


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3-compatible server in its own process, on a free port."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    endpoint = f"http://127.0.0.1:{port}"
    wait_until_answering(f"{endpoint}/moto-api/", server, interval=0.1)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    import boto3

    # boto3 (and so django-storages) read the credentials from the environment.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "nashra-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "nashra-test-secret")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    name = f"nashra-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    return name, client


def _keys(client, bucket_name):
    response = client.list_objects_v2(Bucket=bucket_name)
    return {item["Key"] for item in response.get("Contents", [])}


def _png(width=64, height=48):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def _media_storage(url):
    return override_settings(STORAGES={**settings.STORAGES, "default": storage_from_url(url)})


def _new_image(filename="harbour.png"):
    from wagtail.images import get_image_model

    image = get_image_model()(
        title="Harbour at dawn",
        alt_text="Fishing boats at the quay",
        photographer="Layla Haddad",
        agency="Nashra",
    )
    image.file = ImageFile(ContentFile(_png(), name=filename), name=filename)
    image.save()
    return image


@pytest.mark.django_db
def test_images_renditions_and_documents_are_stored_in_the_bucket(s3_endpoint, bucket):
    from wagtail.documents import get_document_model

    bucket_name, client = bucket
    url = (
        f"s3://{bucket_name}?endpoint_url={s3_endpoint}&region=us-east-1"
        "&custom_domain=media.example.org&querystring_auth=false"
    )
    with _media_storage(url):
        image = _new_image()
        rendition = image.get_rendition("fill-32x32")
        document = get_document_model()(title="Budget tables")
        document.file = ContentFile(b"year,total\n2025,100\n", name="budget.csv")
        document.save()

        keys = _keys(client, bucket_name)
        assert image.file.name in keys
        assert image.file.name.startswith("original_images/harbour")
        assert rendition.file.name in keys
        # Renditions are named after the original's content hash and name (nashra.images).
        assert rendition.file.name.startswith(f"images/{image.get_file_hash()[:8]}-harbour")
        assert document.file.name in keys
        assert rendition.url == f"https://media.example.org/{rendition.file.name}"
        assert image.file.url == f"https://media.example.org/{image.file.name}"
        # Wagtail sends readers of a document in remote storage to the storage's URL.
        served = Client().get(document.url)
        assert served.status_code == 302
        assert served["Location"] == f"https://media.example.org/{document.file.name}"

        stored = client.get_object(Bucket=bucket_name, Key=rendition.file.name)["Body"].read()
        assert PILImage.open(io.BytesIO(stored)).size == (32, 32)
        assert (image.width, image.height) == (64, 48)
        assert image.get_file_size() == len(_png())  # read back from the bucket

        # A second upload with the same name gets its own key instead of overwriting.
        twin = _new_image()
        assert twin.file.name != image.file.name
        assert {image.file.name, twin.file.name} <= _keys(client, bucket_name)


def _fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _allow_public_reads(client, bucket_name):
    client.put_bucket_policy(
        Bucket=bucket_name,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{bucket_name}/*",
                    }
                ],
            }
        ),
    )


@pytest.mark.django_db
def test_without_a_custom_domain_rendition_urls_point_at_the_endpoint(s3_endpoint, bucket):
    bucket_name, client = bucket
    url = f"s3://{bucket_name}/newsroom?endpoint_url={s3_endpoint}&region=us-east-1"
    with _media_storage(url):
        image = _new_image("quay.png")
        rendition = image.get_rendition("width-40")

        assert image.file.name.startswith("original_images/quay")
        assert f"newsroom/{rendition.file.name}" in _keys(client, bucket_name)
        assert rendition.url == f"{s3_endpoint}/{bucket_name}/newsroom/{rendition.file.name}"
        # Plain URLs need a bucket that readers may read, as docs/operators/media-storage.md says.
        assert _fetch(rendition.url)[0] == 403
        _allow_public_reads(client, bucket_name)
        status, body = _fetch(rendition.url)
        assert status == 200
        assert PILImage.open(io.BytesIO(body)).size == (40, 30)


@pytest.mark.django_db
def test_signed_urls_read_a_private_bucket(s3_endpoint, bucket):
    bucket_name, client = bucket
    url = f"s3://{bucket_name}?endpoint_url={s3_endpoint}&region=us-east-1&querystring_auth=true"
    with _media_storage(url):
        rendition = _new_image("market.png").get_rendition("max-20x20")

        assert rendition.url.startswith(f"{s3_endpoint}/{bucket_name}/{rendition.file.name}?")
        assert "Signature=" in rendition.url
        status, body = _fetch(rendition.url)
        assert status == 200
        assert PILImage.open(io.BytesIO(body)).size == (20, 15)
