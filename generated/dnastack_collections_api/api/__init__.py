# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains methods for accessing the API"""
