"""A learned attribution finder (cue, source and content spans) trained on PolNeAR.

Modules: ``data`` (the corpus split shared by training, the rules' tuning and ``eval``),
``parse`` (the spaCy parse the extractor makes, cached for training), ``features`` (token
features from the parse and the rules' lexicon), ``crf`` (the two CRFs in Citron's design: a cue
tagger, then a source/content tagger per cue), ``train`` (``claimledger train attribution``).
"""


def __getattr__(name):
    # ``from claimledger.attribution_model import ModelFinder`` without importing crfsuite up front
    if name == "ModelFinder":
        from .finder import ModelFinder
        return ModelFinder
    raise AttributeError(name)
