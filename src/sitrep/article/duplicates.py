"""Near-duplicate detection: a syndicated story on twenty sites is one cluster, not twenty."""

from __future__ import annotations

from datasketch import MinHash, MinHashLSH

from sitrep.article.text_utils import tokens

NUM_PERM = 128
THRESHOLD = 0.8  # estimated Jaccard similarity of 5-word shingles
SHINGLE = 5


def _minhash(text: str) -> MinHash | None:
    words = tokens(text)
    if len(words) < SHINGLE:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(
        " ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)
    )
    return mh


def near_duplicate_clusters(
    items: list[tuple[str, str]], threshold: float = THRESHOLD
) -> dict[str, str]:
    """Map every article id to its cluster id (the smallest id of its near-duplicate group).

    Articles too short to shingle are their own cluster. Groups are connected components of the
    LSH candidate graph, with candidates confirmed by the MinHash estimate.
    """
    parent = {aid: aid for aid, _ in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for aid, text in items:
        mh = _minhash(text)
        if mh is None or aid in hashes:
            continue
        for other in lsh.query(mh):
            if hashes[other].jaccard(mh) >= threshold:
                a, b = find(aid), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        lsh.insert(aid, mh)
        hashes[aid] = mh
    return {aid: find(aid) for aid, _ in items}
