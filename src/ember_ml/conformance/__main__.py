"""``python -m ember_ml.conformance``: the same as ``ember-ml conformance``."""

import sys

from ember_ml.conformance import main

if __name__ == "__main__":
    sys.exit(main())
