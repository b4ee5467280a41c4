"""Client file tests (engineer C1)."""
