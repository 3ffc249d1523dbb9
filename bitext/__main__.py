"""``python -m bitext`` runs the CLI."""

from bitext.cli import main

main()
