"""`python -m mcai.cli` runs the CLI (same as the `mcai` script)."""

from mcai.cli.app import main

main()
