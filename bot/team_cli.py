"""`framework-bot team list` and `framework-bot team remove ID`: the team facts from the
terminal (what "Add to knowledge" wrote in Slack, and how to take one back)."""

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


def register(subparsers) -> None:
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
