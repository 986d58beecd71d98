# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains methods for accessing the API"""
