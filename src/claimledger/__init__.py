"""claimledger: news reports in, a ledger of attributed claims out."""
__version__ = "0.1.0"
# Bumped whenever extraction output may change; recorded with every extraction in the ledger.
PIPELINE_VERSION = "0.1.0"
__all__ = ["__version__", "PIPELINE_VERSION"]
