"""The provider's claims: the e-mail and name of the user, and the extra claims of ``EXTRA_CLAIMS``."""

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "snils": "snils"}

    def get_additional_claims(self, request):
        user = request.user
        claims = {"email": user.email, "name": user.get_full_name() or user.username}
        claims.update(settings.EXTRA_CLAIMS.get(user.username, {}))
        return claims
