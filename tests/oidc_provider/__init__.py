"""A real OpenID provider (django-oauth-toolkit) run as a separate Django project in its own process: for the
tests of the portal's sign-in through a regional identity provider and for `make oidc-demo`. Not the portal."""
