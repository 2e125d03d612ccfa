"""The ``ember-ml`` command (also ``python -m ember_ml``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ember_ml import __array_api_version__, __version__, _namespace, _selection
from ember_ml import backend as _backend


def info_lines() -> list[str]:
    """What ``ember-ml info`` prints: backends, versions, devices and the selected backend."""
    lines = [f"ember_ml {__version__} (array API standard {__array_api_version__})", "backends:"]
    for name in _backend.BACKENDS:
        version = _backend.library_version(name)
        if version is None or not _backend.is_installed(name):
            lines.append(f"  {name:6} not installed ({_backend._INSTALL_HINT[name]})")
            continue
        try:
            devices = ", ".join(str(d) for d in _namespace.get_available_devices(name))
        except Exception as error:  # a broken install must not hide the others
            devices = f"unavailable: {type(error).__name__}: {error}"
        lines.append(f"  {name:6} {version:12} devices: {devices}")
    try:
        name, rule = _selection.selected_backend()
        lines.append(f"selected backend: {name} (chosen by {rule})")
    except (ValueError, ImportError) as error:
        lines.append(f"selected backend: none ({error})")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ember-ml`` console script."""
    parser = argparse.ArgumentParser(prog="ember-ml", description="ember_ml command line")
    parser.add_argument(
        "--version",
        action="version",
        version=f"ember-ml {__version__} (array API {__array_api_version__})",
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("info", help="installed backends, devices and the selected backend")
    commands.add_parser(
        "conformance",
        add_help=False,
        help="run the official array API suite (ember-ml conformance --help)",
    )
    commands.add_parser(
        "lint",
        add_help=False,
        help="check code for backend-agnostic array API use (ember-ml lint --help)",
    )
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["conformance"]:
        from ember_ml import conformance

        return conformance.main(argv[1:])
    if argv[:1] == ["lint"]:
        from ember_ml.lint import main as lint_main

        return lint_main(argv[1:])
    args, rest = parser.parse_known_args(argv)
    if args.command in (None, "info"):
        if rest:
            parser.error(f"unrecognized arguments: {' '.join(rest)}")
        print("\n".join(info_lines()))
        return 0
    parser.error(f"unknown command {args.command!r}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
