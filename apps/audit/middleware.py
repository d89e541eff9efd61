"""Records access to the pages listed in ``apps.audit.policy`` once they answered successfully."""

from django.apps import apps as django_apps

from apps.accounts.session import active_organization

from .models import AccessEvent
from .policy import AUDITED_URLS, EXPORT_PARAMETER, Audited
from .services import audit_record


def _organization_id(request, rule: Audited, object_id) -> int | None:
    if object_id is None or not rule.organization:
        return None
    # A user working in one organisation only reaches that organisation's objects (the views scope
    # every object by the user's organisations): no query needed to know where the object belongs.
    memberships = getattr(request.user, "active_memberships", [])
    organizations = {m.organization_id for m in memberships}
    if len(organizations) == 1 and None not in organizations:
        return organizations.pop()
    model = django_apps.get_model(rule.model)
    return model.objects.filter(pk=object_id).values_list(rule.organization, flat=True).first()


def record_access(request, response, rule: Audited | None) -> None:
    match = request.resolver_match
    exported = request.GET.get(EXPORT_PARAMETER[0]) == EXPORT_PARAMETER[1]
    if request.method == "GET" and response.status_code == 200:
        action = AccessEvent.Action.EXPORT if exported else rule.action if rule else None
    elif request.method == "POST" and response.status_code == 302 and rule:
        action = rule.post_action
    else:
        action = None
    if action is None:
        return
    object_id = match.kwargs.get(rule.kwarg) if rule and rule.kwarg else None
    org_id = _organization_id(request, rule, object_id) if rule else None
    from apps.organizations.models import Organization

    organization = Organization(pk=org_id) if org_id else active_organization(request)
    audit_record(
        request_or_user=request,
        action=action,
        organization=organization,
        object_type=rule.model if rule else f"list:{match.view_name}",
        object_id=str(object_id or ""),
        url_name=match.view_name,
    )


class AccessAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or not request.user.is_authenticated:
            return response
        rule = AUDITED_URLS.get(match.view_name)
        if rule or request.GET.get(EXPORT_PARAMETER[0]) == EXPORT_PARAMETER[1]:
            record_access(request, response, rule)
        return response
