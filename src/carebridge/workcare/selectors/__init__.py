"""Reads of the work–care records (one module per area)."""
