"""Where uploads and rendered certificates are stored: the ``STORAGES`` setting.

With ``AWS_STORAGE_BUCKET_NAME`` set, the default storage is that S3 bucket
(django-storages with boto3; ``S3_ENDPOINT_URL`` for an S3-compatible server such
as MinIO or Ceph; credentials from boto3's usual ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY``), so every web and worker host reads and writes the same
files. Otherwise the filesystem under ``MEDIA_ROOT``, which only one host (or a
shared mount) can use.

Objects are private (no ACL: the bucket's own policy, which must not be public);
the portal streams them through its permission-checked views and never hands out
their URLs.
"""

from collections.abc import Mapping

S3_BACKEND = "storages.backends.s3.S3Storage"
FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"


def default_storage_from(environ: Mapping[str, str]) -> dict:
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": FILESYSTEM_BACKEND}
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("S3_ENDPOINT_URL", "").strip() or None,
        "region_name": environ.get("AWS_S3_REGION_NAME", "").strip() or None,
        "location": environ.get("S3_PREFIX", "").strip().strip("/"),
        "default_acl": None,
        "querystring_auth": True,
        # A certificate is rewritten under its one name (certificates/storage.py);
        # uploads get random names, so overwriting never loses a learner's file.
        "file_overwrite": True,
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def storages_from(environ: Mapping[str, str], *, debug: bool) -> dict:
    """The ``STORAGES`` setting: the default storage as above; static files hashed
    and compressed by WhiteNoise in production (after collectstatic), plain in
    development and tests."""
    static = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
        if debug
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    return {
        "default": default_storage_from(environ),
        "staticfiles": {"BACKEND": static},
    }
