"""``python -m ember_ml``: the ``ember-ml`` command."""

import sys

from ember_ml.cli import main

sys.exit(main())
