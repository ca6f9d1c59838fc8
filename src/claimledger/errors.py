"""One exception tree for the whole package, with numbered codes grouped by stage.

    ClaimLedgerError
    ├── InputError        CL1xx  ingest: the input cannot be used (names the input and the reason)
    ├── ModelError        CL2xx  extract: the NLP model is missing or unusable
    ├── LedgerError       CL3xx  ledger: the database cannot be opened or migrated
    └── UsageError        CL4xx  CLI/library misuse (bad option values)

A code lets a log line be searched; the message always says what to do or why.
"""
from __future__ import annotations


class ClaimLedgerError(Exception):
    code = "CL000"

    def __init__(self, message: str, *, code: str | None = None, input: str | None = None):
        super().__init__(message)
        if code:
            self.code = code
        self.input = input
        self.message = message

    def __str__(self) -> str:
        prefix = f"{self.input}: " if self.input else ""
        return f"{prefix}{self.message} [{self.code}]"


class InputError(ClaimLedgerError):
    code = "CL100"


# Ingest codes: one per reason a document is refused.
EMPTY = "CL101"
BINARY = "CL102"
ENCODING = "CL103"
TOO_LARGE = "CL104"
MISSING = "CL105"
NO_ARTICLE = "CL106"
LANGUAGE = "CL107"
BAD_JSONL = "CL108"
UNSUPPORTED = "CL109"
BAD_URL = "CL110"
SPECIAL_FILE = "CL111"
BAD_DATE = "CL112"

# Extract codes.
TIMEOUT = "CL210"
CRASHED = "CL211"


class ModelError(ClaimLedgerError):
    code = "CL200"


class LedgerError(ClaimLedgerError):
    code = "CL300"


class UsageError(ClaimLedgerError):
    code = "CL400"
