"""dnastack: spec-driven SDK for GA4GH Data Connect, DRS and Service Registry."""
