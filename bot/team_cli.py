"""`framework-bot team list` and `framework-bot team remove ID`: the team facts from the
terminal (what "Add to knowledge" wrote in Slack, and how to take one back); and
`framework-bot digest`, which posts the week's report to the experts channel (for cron)."""

from __future__ import annotations

import argparse
import sys

from bot.paths import resolve_team_dir


def _root(args: argparse.Namespace):
    root = resolve_team_dir(args.team)
    if root is None:
        print(
            "framework-bot team: no team directory (--team DIR or FRAMEWORK_BOT_TEAM_DIR)",
            file=sys.stderr,
        )
    return root


def cmd_list(args: argparse.Namespace) -> int:
    from bot.team import load_team

    root = _root(args)
    if root is None:
        return 2
    for fact in load_team(root):
        about = fact.framework or "general"
        source = fact.source
        print(
            f"{fact.id}  {about}/{fact.facet}  “{fact.question}”  (@{source.author}, {source.date})"
        )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from bot.team import TeamWriteError, remove_fact

    root = _root(args)
    if root is None:
        return 2
    try:
        path = remove_fact(root, args.id)
    except TeamWriteError as exc:
        print(f"framework-bot team: not removed: {exc}", file=sys.stderr)
        return 1
    print(f"removed {args.id} from {path}; a running bot stops citing it at its next answer")
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    """Post (or with --dry-run print) the digest Block Kit; one line and exit 2 on bad settings."""
    import json
    import os

    from bot.curation.report import build_report
    from bot.curation_cli import _store
    from bot.render.digest import render_digest

    if args.since <= 0:
        print("framework-bot digest: --since takes a number of days > 0", file=sys.stderr)
        return 2
    store = _store(args)
    try:
        message = render_digest(build_report(store, since_days=args.since, top=args.top))
    finally:
        store.close()
    if args.dry_run:
        print(json.dumps(message.kwargs(), ensure_ascii=False, indent=2))
        return 0
    from bot.slack.apierror import describe
    from bot.slack.app import make_client
    from bot.slack.config import ConfigError, digest_config

    try:
        config = digest_config(os.environ)
    except ConfigError as exc:
        print(f"framework-bot digest: {exc}", file=sys.stderr)
        return 2
    try:
        make_client(config).chat_postMessage(
            channel=config.experts_channel, unfurl_links=False, **message.kwargs()
        )
    except Exception as exc:
        print(f"framework-bot digest: not posted ({describe(exc).code})", file=sys.stderr)
        return 1
    print(f"posted the digest to {config.experts_channel}")
    return 0


def register(subparsers) -> None:
    digest = subparsers.add_parser(
        "digest", help="post the week's report to the experts channel (run it weekly from cron)"
    )
    digest.add_argument("--since", type=float, default=7, metavar="DAYS", help="default 7")
    digest.add_argument("--top", type=int, default=8, metavar="N", help="rows per list")
    digest.add_argument("--db", metavar="PATH", help="read this SQLite state file")
    digest.add_argument(
        "--dry-run", action="store_true", help="print the Block Kit instead of posting it"
    )
    digest.set_defaults(func=cmd_digest)

    team = subparsers.add_parser("team", help="list or remove team facts (added from Slack)")
    actions = team.add_subparsers(dest="team_command", required=True)
    listing = actions.add_parser("list", help="every team fact: id, framework/facet, question")
    listing.set_defaults(func=cmd_list)
    remove = actions.add_parser("remove", help="take one team fact back out of its file")
    remove.add_argument("id")
    remove.set_defaults(func=cmd_remove)
    for parser in (listing, remove):
        parser.add_argument(
            "--team",
            metavar="DIR",
            help="team knowledge directory (default: $FRAMEWORK_BOT_TEAM_DIR)",
        )
