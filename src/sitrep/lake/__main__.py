"""``python -m sitrep.lake check [--create-bucket]``: is the configured raw zone usable?

Prints where the raw zone is and exits 0, or prints the one-line reason and exits 1. Compose's
``minio-init`` runs it with ``--create-bucket`` so that a fresh MinIO has the bucket. When
``SITREP_STATE_URL`` is set, the shared run state's location is checked (and created) too.
"""

from __future__ import annotations

import argparse
import sys

from sitrep.config import load_settings
from sitrep.lake.zone import RawZoneError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.lake", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check that SITREP_RAW_URL can be reached")
    check.add_argument("--create-bucket", action="store_true", help="create a missing bucket")
    args = parser.parse_args(argv)
    settings = load_settings()
    try:
        zones = [settings.raw_zone] + ([settings.state_zone] if settings.state_url else [])
        for zone in zones:
            if args.create_bucket:
                zone.create_bucket()
            zone.check()
    except RawZoneError as exc:
        print(exc, file=sys.stderr)
        return 1
    for zone in zones:
        print(f"{zone.label} {zone.url}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
