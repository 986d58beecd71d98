# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains endpoint functions for accessing the API"""
