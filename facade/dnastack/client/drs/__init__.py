"""GA4GH DRS: resolving and downloading data objects."""
