"""zhibiao's library: normalisation, tokenisation, features, classifiers,
target parsing, checks and scoring. No printing, no repository paths."""

__version__ = "0.1.0"
