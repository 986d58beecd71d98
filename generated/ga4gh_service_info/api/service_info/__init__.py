# Generated from specs/service-info.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains endpoint functions for accessing the API"""
