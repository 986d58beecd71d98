"""GA4GH Data Connect: SQL over federated tables."""
