"""`framework-bot report` and `framework-bot teach`: the curator's side of the bot.

Wired into bot/cli.py with ``register(subparsers, add_data_options)``.
"""

from __future__ import annotations

import argparse
import json
import sys


def _store(args: argparse.Namespace):
    import os

    from bot.state.factory import open_store
    from bot.state.sqlite import SQLiteStore

    if args.db:
        if not os.path.isfile(args.db):
            raise SystemExit(f"framework-bot report: no state file at {args.db}")
        return SQLiteStore(args.db)
    return open_store(os.environ)


def cmd_report(args: argparse.Namespace) -> int:
    from bot.curation.report import build_report
    from bot.curation.report_text import render_report

    if args.since is not None and args.since <= 0:
        print("framework-bot report: --since takes a number of days > 0", file=sys.stderr)
        return 2
    store = _store(args)
    try:
        report = build_report(store, since_days=args.since, top=args.top)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(render_report(report))
    return 0


def cmd_teach(args: argparse.Namespace) -> int:
    from bot.curation import TeachError, teach

    try:
        taught = teach(args.utterance, args.intent, args.intents, args.knowledge)
    except TeachError as exc:
        print(f"framework-bot teach: not added: {exc}", file=sys.stderr)
        return 1
    for warning in taught.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Added “{taught.utterance}” to intent '{taught.intent}'")
    print(f"  {taught.file}, line {taught.line}")
    print(f"  intents re-loaded: OK ('{taught.intent}' has {taught.examples} examples)")
    if taught.read_as is not None:
        verdict = "" if taught.read_as == taught.intent else "  <- not the intent taught"
        print(f"  the bot now reads it as: {taught.read_as} ({taught.confidence:.2f}){verdict}")
        if taught.read_as != taught.intent:
            print(
                "  (cues, entity kinds or min_entities of the intent may rule it out; "
                "see intents/README.md)"
            )
    print("  A running bot picks it up on reload (SIGHUP or `framework-bot reload`).")
    return 0


def register(subparsers, add_data_options) -> None:
    """Add `report` and `teach` to framework-bot's subcommands."""
    report = subparsers.add_parser(
        "report",
        help="curation report: unanswered questions, worst-rated answers, intents, fallback rate",
    )
    report.add_argument("--json", action="store_true", help="print the report as JSON")
    report.add_argument(
        "--since", type=float, metavar="DAYS", default=None, help="only the last DAYS days"
    )
    report.add_argument("--top", type=int, default=10, metavar="N", help="rows per list")
    report.add_argument(
        "--db",
        metavar="PATH",
        help="read this SQLite state file (default: $REDIS_URL, else $FRAMEWORK_BOT_DB, "
        "else ~/.local/share/framework-bot/state.sqlite3)",
    )
    report.set_defaults(func=cmd_report)

    teach = subparsers.add_parser(
        "teach", help="add an example utterance to an intent in intents/ (validated)"
    )
    teach.add_argument("utterance", help="the example, as people would type it")
    teach.add_argument("intent", metavar="INTENT", help="the intent it belongs to")
    add_data_options(teach)
    teach.set_defaults(func=cmd_teach)
