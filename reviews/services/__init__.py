"""Writes of submissions and reviews; each function is one transaction."""
