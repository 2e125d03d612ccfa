"""Run the official array API suite against ember_ml: ``python conformance/run.py --help``.

A thin wrapper of ``ember-ml conformance`` (the logic is in ``ember_ml.conformance``).
"""

import sys

from ember_ml.conformance import main

if __name__ == "__main__":
    sys.exit(main())
