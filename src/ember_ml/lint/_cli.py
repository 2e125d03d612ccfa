"""The ``ember-ml lint`` command line: exit status 0 clean, 1 findings, 2 usage error."""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys

from ember_ml.lint._config import Config, ConfigError, find_pyproject, load_config, validate_codes
from ember_ml.lint._rules import RULES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits with 2 already; keep the usage line
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ember-ml lint",
        description="Find code that is not backend-agnostic (array API standard + ember_ml extras).",
        epilog="Rules: "
        + ", ".join(f"{c} {r.name}" for c, r in sorted(RULES.items()))
        + ". Configure in pyproject.toml under [tool.ember-ml.lint].",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    parser.add_argument(
        "--select",
        help="comma-separated codes or prefixes to run "
        "(replaces the default set; opt-in EM9xx rules must be named)",
    )
    parser.add_argument("--extend-select", help="codes or prefixes to add to the selection")
    parser.add_argument("--ignore", help="comma-separated codes or prefixes to skip")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    parser.add_argument(
        "--fix-suggestions",
        action="store_true",
        help="print a suggested rewrite under each finding where one is mechanical",
    )
    parser.add_argument("--statistics", action="store_true", help="count findings per rule")
    parser.add_argument("--explain", metavar="CODE", help="explain one rule and exit")
    parser.add_argument(
        "--config",
        metavar="PYPROJECT",
        help="pyproject.toml to read (default: the nearest one above the current directory)",
    )
    parser.add_argument("--isolated", action="store_true", help="ignore every pyproject.toml")
    return parser


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def explain(code: str) -> str:
    rule = RULES[code]
    state = "on by default" if rule.default else "off by default: enable with --select " + code
    return (
        f"{rule.code} ({rule.name}, {rule.severity}, {state})\n\n{rule.explain}\n\n"
        f"Before:\n{_indent(rule.before)}\n\nAfter:\n{_indent(rule.after)}"
    )


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def main(argv: list[str] | None = None) -> int:
    """Run the command; usage errors (argparse's SystemExit) come back as the status 2."""
    try:
        return _main(argv)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 2


def _main(argv: list[str] | None) -> int:
    from ember_ml.lint import check_paths

    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    if args.explain is not None:
        code = args.explain.strip().upper()
        if code not in RULES:
            parser.error(f"unknown rule {args.explain!r} (known: {', '.join(sorted(RULES))})")
        print(explain(code))
        return 0
    try:
        if args.isolated:
            config = Config()
        elif args.config:
            path = pathlib.Path(args.config)
            if not path.is_file():
                parser.error(f"--config {args.config}: no such file")
            config = load_config(path)
        else:
            config = load_config(find_pyproject(pathlib.Path.cwd()))
        for option in ("select", "extend_select", "ignore"):
            codes = _codes(getattr(args, option))
            if codes is not None:
                validate_codes(codes)
                if option == "extend_select":
                    config.extend_select = config.extend_select + codes
                elif option == "ignore":
                    config.ignore = config.ignore + codes
                else:
                    config.select = codes
    except ConfigError as error:
        parser.error(str(error))
    for warning in config.warnings:
        print(f"ember-ml lint: warning: {warning}", file=sys.stderr)
    paths = args.paths or ["."]
    missing = [p for p in paths if not pathlib.Path(p).exists()]
    if missing:
        parser.error(f"no such file or directory: {', '.join(missing)}")
    findings = check_paths(paths, config)
    out = sys.stdout
    if args.format == "json":
        json.dump(
            [
                {
                    "path": f.path,
                    "line": f.line,
                    "col": f.col,
                    "code": f.code,
                    "severity": f.severity,
                    "message": f.message,
                    "suggestion": f.suggestion,
                    "fix": f.fix,
                }
                for f in findings
            ],
            out,
            indent=1,
        )
        out.write("\n")
    else:
        for f in findings:
            suggestion = f" ({f.suggestion})" if f.suggestion else ""
            if args.format == "github":
                level = "warning" if f.severity == "warning" else "error"
                text = f"{f.message}{suggestion}".replace("%", "%25").replace("\n", "%0A")
                out.write(
                    f"::{level} file={f.path},line={f.line},col={f.col},"
                    f"title={f.code}::{f.code} {text}\n"
                )
            else:
                out.write(f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}{suggestion}\n")
            if args.fix_suggestions and f.fix:
                out.write(f"    fix: {f.fix}\n")
    if args.statistics:
        stream = sys.stderr if args.format == "json" else out
        counts = collections.Counter(f.code for f in findings)
        for code, count in sorted(counts.items()):
            stream.write(f"{count:6d} {code} {RULES[code].name}\n")
        stream.write(f"{len(findings):6d} total\n")
    return 1 if findings else 0
