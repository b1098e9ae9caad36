"""Pure functions from facts to metrics and findings, one module per area."""
