"""The raw zone as a location: a local folder by default, S3-compatible object storage when
``SITREP_RAW_URL`` is an ``s3://bucket/prefix`` URL.

Everything that reads or writes the raw zone goes through :class:`RawZone`, with keys relative
to the zone's root (``events/dt=2020-06-05/part-batch-0000.parquet``), so the same code runs
on one machine and on workers that share a bucket. Object storage goes through fsspec (s3fs),
configured only by the standard AWS variables: ``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``
(or any other botocore credential source), ``AWS_DEFAULT_REGION`` and, for MinIO or any other
S3-compatible server, ``AWS_ENDPOINT_URL_S3`` (or ``AWS_ENDPOINT_URL``).

DuckDB reads the zone through the same filesystem object (:meth:`RawZone.register`), so no
DuckDB extension is downloaded at run time.

Every file is written whole, once, by one task: locally through a temporary file renamed into
place, on object storage by a single upload that becomes visible only when complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import fsspec
from fsspec.implementations.local import LocalFileSystem

REMOTE_PROTOCOLS = ("s3", "s3a")


class RawZoneError(RuntimeError):
    """The raw zone cannot be used as configured (unreachable, missing bucket, bad URL)."""


def _s3_filesystem() -> fsspec.AbstractFileSystem:
    """s3fs from the standard AWS environment; listings never cached, so that a worker sees
    the files another worker wrote a moment ago."""
    env = os.environ.get
    # passed explicitly (botocore would read the same variables) so that fsspec's cache of
    # filesystem instances tells one endpoint or account from another
    return fsspec.filesystem(
        "s3",
        endpoint_url=env("AWS_ENDPOINT_URL_S3") or env("AWS_ENDPOINT_URL") or None,
        key=env("AWS_ACCESS_KEY_ID") or None,
        secret=env("AWS_SECRET_ACCESS_KEY") or None,
        token=env("AWS_SESSION_TOKEN") or None,
        use_listings_cache=False,
        config_kwargs={
            "connect_timeout": float(os.environ.get("SITREP_S3_CONNECT_TIMEOUT", "10")),
            "retries": {"max_attempts": int(os.environ.get("SITREP_S3_MAX_ATTEMPTS", "3"))},
        },
    )


@dataclass(frozen=True)
class RawZone:
    """One raw zone: its URL, the fsspec filesystem it lives on and its root on that filesystem.

    ``url`` is what DuckDB and dbt read (``s3://bucket/prefix`` or an absolute local path);
    ``root`` is the same place as the filesystem names it (``bucket/prefix`` or the path).
    ``label`` names the location in error messages: the same class also holds the shared run
    state (``SITREP_STATE_URL``), which is not the raw zone.
    """

    url: str
    root: str
    fs: fsspec.AbstractFileSystem
    label: str = "raw zone"

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_url(cls, url: str | os.PathLike[str], label: str = "raw zone") -> RawZone:
        """The zone at ``url``: a plain path, a ``file://`` URL or an ``s3://bucket/prefix``."""
        text = str(url).strip()
        if text.startswith("file://"):
            text = text.removeprefix("file://")
        protocol, sep, rest = text.partition("://")
        if not sep:
            path = Path(text).expanduser().resolve()
            return cls(url=str(path), root=str(path), fs=LocalFileSystem(), label=label)
        if protocol not in REMOTE_PROTOCOLS:
            raise RawZoneError(
                f"{label} {url!r}: unsupported scheme {protocol}://"
                " (use a local folder, file:// or s3://bucket/prefix)"
            )
        root = rest.strip("/")
        if not root:
            raise RawZoneError(f"{label} {url!r} names no bucket (s3://bucket/prefix)")
        return cls(url=f"s3://{root}", root=root, fs=_s3_filesystem(), label=label)

    @classmethod
    def of(cls, zone: RawZone | str | os.PathLike[str]) -> RawZone:
        """``zone`` itself, or the zone at a path or URL (lets callers keep passing a Path)."""
        return zone if isinstance(zone, RawZone) else cls.from_url(zone)

    # ------------------------------------------------------------------ naming

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    @property
    def local_dir(self) -> Path | None:
        """The zone's folder when it is local, else None."""
        return Path(self.root) if self.is_local else None

    def _path(self, key: str) -> str:
        return f"{self.root}/{key.strip('/')}" if key else self.root

    def location(self, key: str) -> str:
        """What DuckDB reads for ``key``: an absolute path, or an ``s3://`` URL."""
        return f"{self.url}/{key.strip('/')}" if key else self.url

    def key(self, location: str | os.PathLike[str]) -> str:
        """The key of a location inside the zone (inverse of :meth:`location`)."""
        text = str(location)
        for prefix in (self.url, self.root):
            if text == prefix:
                return ""
            if text.startswith(prefix + "/"):
                return text[len(prefix) + 1 :]
        if self.is_local:
            return Path(text).resolve().relative_to(self.root).as_posix()
        raise RawZoneError(f"{text} is not inside the {self.label} {self.url}")

    # ------------------------------------------------------------------ reading

    def exists(self, key: str) -> bool:
        return bool(self._remote(lambda: self.fs.exists(self._path(key))))

    def glob(self, pattern: str) -> list[str]:
        """Keys matching ``pattern`` (fsspec glob: ``*`` within one level), sorted."""
        found = self._remote(lambda: self.fs.glob(self._path(pattern)))
        root = self.fs._strip_protocol(self.root).rstrip("/")
        return sorted(str(p)[len(root) + 1 :] for p in found)

    def open(self, key: str, mode: str = "rb") -> IO[Any]:
        """A file of the zone for reading."""
        if "r" not in mode:
            raise ValueError("RawZone.open reads; write with RawZone.writer")
        return self.fs.open(self._path(key), mode)

    def read_bytes(self, key: str) -> bytes:
        return bytes(self._remote(lambda: self.fs.cat_file(self._path(key))))

    def read_text(self, key: str) -> str:
        return self.read_bytes(key).decode("utf-8")

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def writer(self, key: str) -> Iterator[IO[bytes]]:
        """A binary file that becomes ``key`` whole when the block ends without error.

        Locally: a temporary file beside the target, renamed over it. On object storage: a
        local temporary file uploaded in one piece (multipart for large files, completed
        atomically); nothing is uploaded when the block raises.
        """
        if self.is_local:
            target = Path(self._path(key))
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.parent / f".tmp-{uuid.uuid4().hex}"  # matches no reader's pattern
            try:
                with open(tmp, "wb") as fh:
                    yield fh
                os.replace(tmp, target)
            finally:
                tmp.unlink(missing_ok=True)
            return
        with tempfile.NamedTemporaryFile(prefix="sitrep-raw-", suffix=".part") as fh:
            yield fh
            fh.flush()
            self._remote(lambda: self.fs.put_file(fh.name, self._path(key)))

    def write_bytes(self, key: str, data: bytes) -> None:
        with self.writer(key) as fh:
            fh.write(data)

    def write_text(self, key: str, text: str) -> None:
        self.write_bytes(key, text.encode("utf-8"))

    def remove(self, key: str) -> None:
        """Delete one file; a missing one is not an error."""
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm_file(self._path(key))

    def remove_tree(self, key: str) -> None:
        """Delete a folder (a key prefix) and everything under it; missing is not an error."""
        if self.is_local:
            import shutil

            shutil.rmtree(self._path(key), ignore_errors=True)
            return
        with contextlib.suppress(FileNotFoundError):
            self._remote(lambda: self.fs.rm(self._path(key), recursive=True))

    # ------------------------------------------------------------------ checks and DuckDB

    def check(self) -> None:
        """Fail early, with one clear message, when the zone cannot be reached or written.

        Local: the folder is created. Object storage: the bucket must exist and answer.
        """
        if self.is_local:
            try:
                Path(self.root).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise RawZoneError(f"{self.label} {self.url} cannot be created: {exc}") from None
            return
        bucket = self.root.split("/", 1)[0]
        self._remote(lambda: self.fs.ls(bucket, refresh=True))

    def create_bucket(self) -> None:
        """Create the zone's bucket (or folder) when missing: for a fresh MinIO, in setup."""
        if self.is_local:
            self.check()
            return
        bucket = self.root.split("/", 1)[0]
        if not self._remote(lambda: self.fs.exists(bucket)):
            self._remote(lambda: self.fs.mkdir(bucket))

    def _remote(self, call: Any) -> Any:
        """Run an object-storage call; connection and bucket problems become one clear error."""
        if self.is_local:
            return call()
        try:
            return call()
        except FileNotFoundError as exc:
            bucket = self.root.split("/", 1)[0]
            if not self.fs.exists(bucket):
                raise RawZoneError(
                    f"{self.label} {self.url}: bucket {bucket!r} does not exist on {_endpoint()}"
                ) from None
            raise exc
        except PermissionError as exc:
            raise RawZoneError(
                f"{self.label} {self.url}: access denied on {_endpoint()} ({exc});"
                " check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY"
            ) from None
        except Exception as exc:  # botocore's and aiohttp's errors share no useful base class
            kind = type(exc)
            if not kind.__module__.startswith(("botocore", "aiohttp", "aiobotocore")):
                raise
            reason = str(exc).splitlines()[0] if str(exc) else kind.__name__
            if "Connect" in kind.__name__ or "Timeout" in kind.__name__:
                raise RawZoneError(
                    f"{self.label} {self.url} is unreachable at {_endpoint()}: {reason}"
                ) from None
            raise RawZoneError(f"{self.label} {self.url} on {_endpoint()}: {reason}") from None

    def register(self, con: Any) -> None:
        """Let a DuckDB connection read the zone's URLs (no-op for a local zone)."""
        if self.is_local:
            return
        if self.fs.protocol[0] not in con.list_filesystems():
            con.register_filesystem(self.fs)


def _endpoint() -> str:
    """Where object storage is, as configured (for error messages)."""
    return (
        os.environ.get("AWS_ENDPOINT_URL_S3")
        or os.environ.get("AWS_ENDPOINT_URL")
        or "AWS S3 (no AWS_ENDPOINT_URL_S3 set)"
    )
