"""The crash fuzzer of ember_ml (see fuzzer.py); run ``python -m tests.fuzz --help``."""
