"""A local S3-compatible server for the tests: moto's server, on a free port."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "portal-tests",
    "AWS_SECRET_ACCESS_KEY": "portal-tests-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def moto_server_start(log: Path) -> tuple[subprocess.Popen, str]:
    """Start ``moto_server`` and return it with its endpoint URL once it answers."""
    executable = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    if executable is None:
        raise RuntimeError('moto_server is missing: pip install "moto[server]"')
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - the venv's own moto_server
            [executable, "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, endpoint
        except OSError as error:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                message = f"moto_server did not start:\n{log.read_text()}"
                raise RuntimeError(message) from error
            time.sleep(0.2)


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
    )


def bucket_keys(endpoint: str, bucket: str) -> list[str]:
    listing = s3_client(endpoint).list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))
