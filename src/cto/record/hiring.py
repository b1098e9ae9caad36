"""Placeholder: the record kind of this module is being written."""
