"""Evaluation against gold corpora (``claimledger eval``)."""
