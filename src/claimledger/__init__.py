"""claimledger: news reports in, a ledger of attributed claims out."""
__version__ = "0.1.0"
__all__ = ["__version__", "PIPELINE_VERSION"]


def __getattr__(name: str):
    # PIPELINE_VERSION: a content hash of the code, data and weights that shape claims (version.py),
    # recorded with every extraction in the ledger; computed on first use, once per process.
    if name == "PIPELINE_VERSION":
        from .version import pipeline_version
        return pipeline_version()
    raise AttributeError(f"module 'claimledger' has no attribute {name!r}")
