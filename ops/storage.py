"""Where uploaded media live: S3-compatible object storage when a bucket is configured, else local disk."""

# The bucket policy for public media (docs/deploy.md): anyone may read objects under media/, nobody may
# list the bucket or write without credentials. Replace BUCKET with the bucket's name.
PUBLIC_READ_POLICY = """{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "PublicReadMedia",
    "Effect": "Allow",
    "Principal": "*",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::BUCKET/media/*"
  }]
}"""


def media_storage(environ):
    """The STORAGES["default"] entry for the environment ``environ`` (a mapping like os.environ)."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        "location": environ.get("AWS_LOCATION", "media"),
        # Public images are read without signed URLs (cacheable by a CDN); the bucket
        # policy decides who may read. Files are never overwritten: Wagtail names are unique.
        "querystring_auth": environ.get("AWS_QUERYSTRING_AUTH", "false").lower() == "true",
        "default_acl": None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3 itself) or an instance role.
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {k: v for k, v in options.items() if v is not None},
    }
