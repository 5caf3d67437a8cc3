"""Uploaded media on S3-compatible object storage (django-storages), against moto's S3 server started here.

Production switches to object storage when AWS_STORAGE_BUCKET_NAME is set
(ops/storage.py, used by config/settings/production.py); without it media stay on local disk.
"""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request

import boto3
import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from storages.backends.s3 import S3Storage
from wagtail.images import get_image_model

from ops.storage import PUBLIC_READ_POLICY, media_storage

BUCKET = "sif-media-test"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(endpoint, timeout=2)  # noqa: S310 - local test server
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def s3_media(s3_endpoint, settings, monkeypatch):
    environ = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-west-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    # The bucket policy docs/deploy.md gives: anyone may read media/*, nothing else.
    client.put_bucket_policy(Bucket=BUCKET, Policy=PUBLIC_READ_POLICY.replace("BUCKET", BUCKET))
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(os.environ)}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket_policy(Bucket=BUCKET)
    client.delete_bucket(Bucket=BUCKET)


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def test_without_a_bucket_media_stay_on_local_disk():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media_storage({"AWS_STORAGE_BUCKET_NAME": "  "})["BACKEND"].endswith("FileSystemStorage")


@pytest.mark.subprocess
@pytest.mark.django_db
def test_images_and_renditions_are_stored_in_the_bucket_and_served_from_it(s3_media, s3_endpoint):
    image = get_image_model().objects.create(title="Werkplaats", file=ImageFile(io.BytesIO(_png()), name="hal.png"))
    rendition = image.get_rendition("width-60")

    keys = {item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert f"media/{image.file.name}" in keys
    assert f"media/{rendition.file.name}" in keys
    assert isinstance(image.file.storage, S3Storage)

    # Public, unsigned URLs on the bucket (cacheable by a CDN), with a long cache lifetime.
    assert rendition.url.startswith(f"{s3_endpoint}/{BUCKET}/media/")
    assert "Signature" not in rendition.url
    with urllib.request.urlopen(rendition.url, timeout=10) as response:  # noqa: S310 - local test server
        data = response.read()
    served = PILImage.open(io.BytesIO(data))
    assert served.size == (60, 40)
    head = s3_media.head_object(Bucket=BUCKET, Key=f"media/{rendition.file.name}")
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert head["ContentType"] == "image/png"
