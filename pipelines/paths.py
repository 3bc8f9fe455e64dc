"""Where the project's data lives. The library (nlp/) never knows; the jobs do.

Defaults are the repository's own folders (this package sits beside them);
ZHIBIAO_MODELS_DIR / ZHIBIAO_DATA_DIR override them, e.g. for a shared model store.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

#: The model artifact zhibiao scores with: models/<MODEL_NAME>/<version>/.
MODEL_NAME = "indicator"


def models_dir() -> Path:
    return Path(os.environ.get("ZHIBIAO_MODELS_DIR") or REPO_ROOT / "models")


def training_data_dir() -> Path:
    return Path(os.environ.get("ZHIBIAO_DATA_DIR") or REPO_ROOT / "training_data")
