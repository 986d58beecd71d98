"""Authenticators: OAuth2 (device code, client credentials, token exchange, refresh) and
static bearer tokens. Import the classes from their modules
(``dnastack.http.authenticators.abstract.Authenticator``, ``.oauth2.OAuth2Authenticator``,
``.bearer.BearerTokenAuthenticator``, ``.factory.authenticators_for``)."""
