"""Validate the actor knowledge base: `python scripts/check_kb.py [KB_FOLDER]`."""
import sys

from tacitus.actors.commands import actors

if __name__ == "__main__":
    args = ["check"] + (["--kb", sys.argv[1]] if len(sys.argv) > 1 else [])
    actors.main(args=args, prog_name="check_kb")
