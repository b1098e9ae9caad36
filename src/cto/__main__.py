"""`python -m cto` runs the command line."""

from cto.cli import main

if __name__ == "__main__":  # worker processes re-import the main module: run the CLI only once
    main()
