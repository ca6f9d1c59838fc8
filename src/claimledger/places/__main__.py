"""``python -m claimledger.places build [DIR]`` builds the default gazetteer index now
(it is otherwise built on first use); ``build-to PATH`` is what the lazy build runs
in a child process."""
import sys

from .gazetteer import _main

sys.exit(_main(sys.argv[1:]))
