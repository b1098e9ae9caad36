"""cto: the fractional CTO you can run.

Reads a company's repositories (never running them), measures what a senior technical leader
would look at, and writes reports founders, boards and investors can read.
"""

__version__ = "0.1.0"
