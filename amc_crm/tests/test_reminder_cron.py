"""Tests: written below."""
