"""``python -m ember_ml.nn.mad``: train one MAD model on one task; the last line is its score.

    python -m ember_ml.nn.mad --model attention --task in_context_recall --backend torch --seed 0

prints a progress bar while it trains (on stderr) and, as its last line on stdout,
``accuracy A macro M steps S seconds T``. Sizes default to MAD-mini's for the task
(``DEFAULTS``); ``--vocab-size`` and the others override them.
"""

from __future__ import annotations

from ember_ml.nn.mad.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
