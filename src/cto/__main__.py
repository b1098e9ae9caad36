"""`python -m cto` runs the command line."""

from cto.cli import main

main()
