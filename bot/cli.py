"""framework-bot command line: ask, chat, check, eval, and the Slack commands (serve, manifest).

Nothing from Slack is imported on the `ask` path, so a question answers in a fraction of a second.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Sequence

from bot.yamlsrc import SourceErrors


def _engine(args: argparse.Namespace):
    from bot.engine import Engine

    return Engine.load(args.knowledge, args.intents)


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        help="knowledge directory (default: shipped, or $FRAMEWORK_BOT_KNOWLEDGE)",
    )
    parser.add_argument("--intents", metavar="DIR", help="intents directory (default: shipped)")


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.render.explain import explain_lines
    from bot.render.jsonl import contract
    from bot.render.text import ansi_bold, render_text

    engine = _engine(args)
    if args.jsonl:
        for line_no, line in enumerate(sys.stdin, 1):
            line = line.strip()
            if not line:
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("expected a JSON object")
            except ValueError as exc:
                print(f"line {line_no}: not a JSON object: {exc}", file=sys.stderr)
                print(json.dumps({"id": None, "error": f"line {line_no}: invalid JSON"}))
                continue
            thread = item.get("thread")
            conversation = f"jsonl:{thread}" if thread not in (None, "") else None
            answer = engine.ask(str(item.get("text") or ""), conversation)
            print(json.dumps(contract(answer, item.get("id")), ensure_ascii=False), flush=True)
        return 0
    question = " ".join(args.question)
    if not question:
        print('Ask a question, e.g.: framework-bot ask "what is flask?"', file=sys.stderr)
        return 2
    result = engine.run(question, args.thread)
    if args.json:
        print(result.answer.model_dump_json(indent=2))
    else:
        bold = ansi_bold if sys.stdout.isatty() else None
        hint = "({count} more points: add --full)"
        print(render_text(result.answer, True, full=args.full, bold=bold, more_hint=hint))
    if args.explain:
        print("\n".join(explain_lines(result.parse)), file=sys.stderr if args.json else sys.stdout)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.chat import run_chat

    return run_chat(_engine(args), sys.stdin, sys.stdout)


def cmd_check(args: argparse.Namespace) -> int:
    from bot.checks import run_check

    return run_check(args.directory or args.knowledge, args.intents, sys.stdout, team_dir=args.team)


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.evaluate import run_eval

    return run_eval(
        _engine(args),
        args.files,
        min_accuracy=args.min_accuracy,
        min_out_of_scope=args.min_out_of_scope,
        as_json=args.json,
        out=sys.stdout,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framework-bot",
        description="Answers questions about Python web frameworks, in Slack or in a terminal.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer one question (or JSON lines with --jsonl)")
    ask.add_argument("question", nargs="*")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the answer model as JSON")
    mode.add_argument(
        "--jsonl", action="store_true", help='read {"id","text","thread"} lines from stdin'
    )
    ask.add_argument("--explain", action="store_true", help="show intent scores and matches")
    ask.add_argument("--full", action="store_true", help="show the details kept back, too")
    ask.add_argument("--thread", default=None, help=argparse.SUPPRESS)
    _add_data_options(ask)
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="an interactive conversation in the terminal")
    _add_data_options(chat)
    chat.set_defaults(func=cmd_chat)

    check = sub.add_parser("check", help="validate knowledge and intents, print a summary")
    check.add_argument("directory", nargs="?", help="knowledge directory")
    check.add_argument(
        "--team", metavar="DIR", help="team knowledge directory (default: $FRAMEWORK_BOT_TEAM_DIR)"
    )
    _add_data_options(check)
    check.set_defaults(func=cmd_check)

    ev = sub.add_parser("eval", help="score labelled question sets")
    ev.add_argument("files", nargs="+")
    ev.add_argument("--min-accuracy", type=float, default=None)
    ev.add_argument("--min-out-of-scope", type=float, default=None)
    ev.add_argument("--json", action="store_true")
    _add_data_options(ev)
    ev.set_defaults(func=cmd_eval)

    try:
        from bot.slack.commands_cli import register
    except ImportError:  # the Slack layer is optional for the engine commands
        register = None
    if register is not None:
        register(sub, _add_data_options)

    from bot.curation_cli import register as register_curation

    register_curation(sub, _add_data_options)
    from bot.team_cli import register as register_team

    register_team(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except SourceErrors as exc:
        print("framework-bot: the data has errors:", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def new_conversation() -> str:
    return f"chat:{uuid.uuid4().hex[:12]}"


if __name__ == "__main__":
    sys.exit(main())
