"""Placeholder: engineer C2 builds these tests."""
