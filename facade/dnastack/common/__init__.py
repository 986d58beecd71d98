"""Shared building blocks used by every part of the facade."""
