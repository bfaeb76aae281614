"""The `mindscope` command: serve the app, print the protocol schema and constants, run
benchmarks."""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Protocol

from . import __version__
from .settings import (
    DB_ENV,
    Settings,
    SettingsError,
    db_file,
    default_db_path,
    env_name,
    flag_name,
    hosts_for,
    limit_fields,
    number,
)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a whole number, got {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1 to 65535, got {port}")
    return port


def _db(text: str) -> Path:
    try:
        return db_file(text)
    except SettingsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_limit_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per limit in Settings; ranges are checked by Settings itself."""
    defaults = Settings()
    for f in limit_fields():
        parser.add_argument(
            flag_name(f.name), dest=f.name, type=f.type, default=None,
            metavar="N" if f.type is int else "X",
            help=f"{f.metadata['help']} (default {number(getattr(defaults, f.name))}, range "
                 f"{number(f.metadata['low'])} to {number(f.metadata['high'])}; "
                 f"env {env_name(f.name)})",
        )


class _Benchmark(Protocol):
    """What each module of mindscope.bench offers the command: its flags and its run."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def main(self, args: argparse.Namespace) -> int: ...


def _benchmarks() -> dict[str, _Benchmark]:
    from .bench import (
        attention,
        checkpoint,
        deflate,
        engine,
        explore,
        images,
        load,
        sequences,
        stream,
    )

    return {"engine": engine, "stream": stream, "load": load, "explore": explore,
            "checkpoint": checkpoint, "images": images, "sequences": sequences,
            "attention": attention, "deflate": deflate}


# Quoted: _SubParsersAction takes a type argument in typeshed, not at run time.
def _add_bench_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
                        ) -> None:
    bench = commands.add_parser("bench", help="measure Mindscope on this machine")
    benches = bench.add_subparsers(dest="bench", required=True)
    for name, module in _benchmarks().items():
        summary = (module.__doc__ or name).splitlines()[0]  # each has a docstring
        module.add_arguments(benches.add_parser(name, help=summary))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mindscope", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the web app")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (1-65535)")
    _add_limit_flags(serve)
    serve.add_argument("--db", dest="db_path", type=_db, default=None, metavar="PATH",
                       help="the SQLite file sessions are checkpointed to, so they survive a "
                            f"restart (default {default_db_path(os.environ)}; env {DB_ENV})")
    serve.add_argument(
        "--allow-origin", dest="allow_origins", action="append", metavar="ORIGIN",
        help="a web origin (e.g. https://school.example) whose pages may open the WebSocket "
             "besides the server's own; repeatable (env MINDSCOPE_ALLOW_ORIGINS, "
             "comma-separated)")
    serve.add_argument(
        "--allowed-host", dest="allowed_hosts", action="append", metavar="NAME",
        help="a host name the server answers to (the Host header; guards against DNS "
             "rebinding), e.g. mindscope.school.example or *.school.example; repeatable "
             "(default: localhost, 127.0.0.1 and ::1 when --host is a loopback address, "
             "otherwise any; env MINDSCOPE_ALLOWED_HOSTS, comma-separated)")
    serve.add_argument(
        "--frame-ancestors", metavar="SOURCES",
        help="who may embed the page in a frame, as CSP sources (default *: anyone; "
             "'none': no one; env MINDSCOPE_FRAME_ANCESTORS)")
    serve.set_defaults(subparser=serve)  # so a bad limit is reported with serve's usage
    commands.add_parser("schema", help="print the protocol's JSON Schema")
    commands.add_parser("constants", help="print the protocol's constants as a TypeScript "
                        "module (frontend/src/protocol/constants.ts)")
    _add_bench_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "schema":
        from .protocol import json_schema

        json.dump(json_schema(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.command == "constants":
        from .protocol import json_schema
        from .ts_constants import render

        sys.stdout.write(render(json_schema()))
        return 0
    if args.command == "bench":
        return _benchmarks()[args.bench].main(args)
    try:
        settings = Settings.from_env(
            os.environ, **{f.name: getattr(args, f.name) for f in limit_fields()},
            db_path=args.db_path,
            allow_origins=args.allow_origins and tuple(args.allow_origins),
            allowed_hosts=(tuple(args.allowed_hosts) if args.allowed_hosts
                           else None if env_name("allowed_hosts") in os.environ
                           else hosts_for(args.host)),
            frame_ancestors=args.frame_ancestors)
    except SettingsError as exc:
        args.subparser.error(str(exc))
    from .app import serve

    serve(host=args.host, port=args.port, settings=settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
