"""Near-duplicate detection: a syndicated story on twenty sites is one cluster, not twenty."""

from __future__ import annotations

import numpy as np

from sitrep.article.text_utils import tokens

NUM_PERM = 128
THRESHOLD = 0.8  # estimated Jaccard similarity of 5-word shingles
SHINGLE = 5


def _signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text's 5-word shingles (None: too short to shingle)."""
    words = tokens(text)
    if len(words) < SHINGLE:
        return None
    from datasketch import MinHash  # imported when used: it loads scipy (~0.6 s a process)

    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(
        " ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)
    )
    return mh.hashvalues


def minhash(text: str) -> bytes:
    """A text's MinHash signature as the raw zone keeps it: 128 little-endian uint32 (MinHash
    values are below 2**32), or empty bytes when the text is too short to shingle.

    Computed by each extract batch, in parallel, so that landing a day only compares them.
    """
    values = _signature(text)
    return b"" if values is None else values.astype("<u4").tobytes()


class NearDuplicates:
    """Articles added one at a time; :meth:`clusters` groups the near-duplicates.

    Only a signature (1 KB) per article is kept, never its text, so a day of any size can be
    fed part by part. Groups are connected components of the LSH candidate graph, with
    candidates confirmed by the MinHash estimate, so they do not depend on the order of adding.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, np.ndarray] = {}
        self._parent: dict[str, str] = {}

    def _find(self, x: str) -> str:
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def add(self, article_id: str, text: str = "", *, signature: bytes | None = None) -> None:
        """Add one article by its text, or by its stored :func:`minhash` ``signature`` (the
        same result, without the shingling); an id already added is ignored."""
        if article_id in self._parent:
            return
        self._parent[article_id] = article_id
        if signature is None:
            values = _signature(text)
        else:
            values = np.frombuffer(signature, "<u4").astype(np.uint64) if signature else None
        if values is None:
            return  # too short to shingle: its own cluster
        from datasketch import MinHash

        mh = MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values)
        for other in self._lsh.query(mh):
            if np.mean(self._signatures[other] == values) >= self.threshold:
                a, b = self._find(article_id), self._find(other)
                if a != b:
                    self._parent[max(a, b)] = min(a, b)
        self._lsh.insert(article_id, mh)
        self._signatures[article_id] = values

    def clusters(self) -> dict[str, str]:
        """Every article id added -> its cluster id (the smallest id of its group)."""
        return {aid: self._find(aid) for aid in self._parent}


def near_duplicate_clusters(
    items: list[tuple[str, str]], threshold: float = THRESHOLD
) -> dict[str, str]:
    """Map every article id to its cluster id (the smallest id of its near-duplicate group).

    Articles too short to shingle are their own cluster.
    """
    found = NearDuplicates(threshold)
    for aid, text in items:
        found.add(aid, text)
    return found.clusters()
