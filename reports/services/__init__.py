"""Writes of the reports app: the rollup of the report's figures."""
