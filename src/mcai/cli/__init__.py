"""Thin Typer commands over `mcai.pipeline`."""
