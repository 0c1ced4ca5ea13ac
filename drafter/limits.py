"""Sizes every command shares (kept apart so the command line reads them without loading a reader)."""

MB = 1024 * 1024
DOCUMENT_MAX_BYTES = 20 * MB  # the largest draft read unless --max-size says otherwise
