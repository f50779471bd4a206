"""The SQLite state file that fetch workers on one machine share."""

from __future__ import annotations

import threading
from pathlib import Path

from sitrep.fetch.http_state import HttpState


def test_workers_opening_a_new_state_folder_at_once_all_start(tmp_path: Path) -> None:
    # Airflow starts a day's fetch tasks together: none may die on "database is locked"
    # while another switches the new file to WAL
    errors: list[BaseException] = []

    def worker(folder: Path, n: int, start: threading.Barrier) -> None:
        try:
            start.wait()
            state = HttpState(folder)
            state.put(f"https://example.org/{n}", f'"etag-{n}"', None)
        except BaseException as exc:  # recorded for the assertion
            errors.append(exc)

    folders = [tmp_path / str(trial) for trial in range(40)]
    for folder in folders:
        start = threading.Barrier(8)
        threads = [threading.Thread(target=worker, args=(folder, n, start)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    state = HttpState(folders[-1])
    assert [state.get(f"https://example.org/{n}")[0] for n in range(8)] == [
        f'"etag-{n}"' for n in range(8)
    ]
