"""Provision Sitrep's connection, datasets, charts and dashboard into Superset, overwriting.

Run by bootstrap.sh after ``superset init``, inside Superset's own Python:

    python bi/superset/import_bundle.py BUNDLE.zip

Superset's ``import-dashboards`` command never updates charts or datasets that already exist,
so an edited bi/dashboard.yaml would not reach a running deployment; the assets importer used
here replaces each object with the same uuid (build_bundle.py derives them from names).
"""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path


def main(bundle: Path, username: str) -> None:
    from flask import g
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from superset import security_manager
        from superset.commands.importers.v1.assets import ImportAssetsCommand
        from superset.commands.importers.v1.utils import get_contents_from_bundle

        g.user = security_manager.find_user(username=username)
        if g.user is None:
            raise SystemExit(f"no Superset user {username!r} to own the dashboard")
        with zipfile.ZipFile(bundle) as archive:
            contents = get_contents_from_bundle(archive)
        ImportAssetsCommand(contents).run()
        print(f"imported {bundle} ({len(contents)} files) as {username}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import build_bundle

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/sitrep-assets.zip")
    build_bundle.write_zip(target, kind="assets")
    main(target, os.environ.get("SUPERSET_ADMIN_USER", "admin"))
