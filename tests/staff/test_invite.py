"""Inviting a person to the portal: an account by e-mail, a role in the organisation, a Russian e-mail
with a one-time link that sets the password."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.models import Membership, Role, User
from apps.core.exceptions import DomainError
from apps.staff import services
from tests.factories.staff import PersonFactory

pytestmark = pytest.mark.django_db


def invite(client, person, role="mentor"):
    return client.post(reverse("staff:person-invite", args=[person.pk]), {"role": role})


def test_invitation_creates_the_account_gives_the_role_and_sends_the_link(
    client_for, cast, django_capture_on_commit_callbacks
):
    person = PersonFactory(
        organization=cast.school,
        last_name="Ёлкина",
        first_name="Дарья",
        patronymic="Андреевна",
        email="D.Elkina@School7.example.ru",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for("curator"), person, "mentee")
    assert response.status_code == 302
    person.refresh_from_db()
    user = person.user
    assert user.username == "d.elkina@school7.example.ru"
    assert (user.last_name, user.first_name, user.patronymic) == ("Ёлкина", "Дарья", "Андреевна")
    assert not user.has_usable_password()
    assert Membership.objects.filter(
        user=user, role=Role.MENTEE, organization=cast.school, is_active=True
    ).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["d.elkina@school7.example.ru"]
    assert "Приглашение в портал" in message.subject
    assert "Дарья Андреевна" in message.body and "наставляемый" in message.body
    link = re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)
    # The link opens the page that sets the password (Django redirects to the "set-password" URL).
    client = client_for(None)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert "new_password1" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Сложный-пароль-2026", "new_password2": "Сложный-пароль-2026"},
    )
    user.refresh_from_db()
    assert user.check_password("Сложный-пароль-2026")


def test_invitation_links_an_existing_account_with_that_email(cast):
    person = PersonFactory(organization=cast.school, email=cast.mentor.email.upper())
    user = services.person_invite(
        person=person, role=Role.COUNCIL, invited_by=cast.curator, site_url="http://x/"
    )
    assert user == cast.mentor
    assert User.objects.filter(email__iexact=cast.mentor.email).count() == 1
    assert Membership.objects.filter(user=cast.mentor, role=Role.COUNCIL, organization=cast.school).exists()


def test_invitation_without_an_email_is_refused_with_a_message(client_for, cast):
    person = PersonFactory(organization=cast.school, email="")
    response = invite(client_for("curator"), person)
    assert response.status_code == 200
    assert "не указана электронная почта" in response.content.decode()
    assert not User.objects.filter(people=person).exists()


def test_the_curator_role_is_not_given_by_an_invitation(cast):
    person = PersonFactory(organization=cast.school)
    with pytest.raises(DomainError) as error:
        services.person_invite(
            person=person, role=Role.CURATOR, invited_by=cast.curator, site_url="http://x/"
        )
    assert error.value.field == "role"


def test_an_account_linked_to_another_person_of_the_school_is_refused(cast):
    PersonFactory(organization=cast.school, user=cast.mentor)
    person = PersonFactory(organization=cast.school, email=cast.mentor.email)
    with pytest.raises(DomainError) as error:
        services.person_invite(person=person, role=Role.MENTOR, invited_by=cast.curator, site_url="http://x/")
    assert "уже связана с другим педагогом" in error.value.message


def test_no_invitation_after_the_consent_is_withdrawn(client_for, cast):
    from tests.factories.staff import give_consent

    person = PersonFactory(organization=cast.school)
    services.consent_withdraw(consent=give_consent(person), withdrawn_by=None)
    with pytest.raises(DomainError) as error:
        services.person_invite(person=person, role=Role.MENTOR, invited_by=cast.curator, site_url="http://x/")
    assert error.value.message.startswith(f"{person.short_name} отозвала согласие")  # the factory's women
    assert client_for("curator").get(reverse("staff:person-invite", args=[person.pk])).status_code == 403
    page = client_for("curator").get(reverse("staff:person-detail", args=[person.pk])).content.decode()
    assert reverse("staff:person-invite", args=[person.pk]) not in page


# --- The school's accountant (she reads the allowance basis) ----------------------------------------


def test_every_school_role_but_the_directors_is_given_by_an_invitation():
    from apps.accounts.models import ORGANIZATION_ROLES

    assert set(services.INVITE_ROLES) == set(ORGANIZATION_ROLES) - {Role.DIRECTOR}


@pytest.mark.parametrize("who", ["director", "curator"])
def test_the_director_or_the_curator_invites_the_schools_accountant(
    client_for, cast, who, django_capture_on_commit_callbacks
):
    person = PersonFactory(organization=cast.school, email="buh.school@example.ru")
    page = client_for(who).get(reverse("staff:person-invite", args=[person.pk])).content.decode()
    assert '<option value="accountant">Бухгалтер</option>' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(who), person, "accountant")
    assert response.status_code == 302
    person.refresh_from_db()
    assert Membership.objects.filter(
        user=person.user, role=Role.ACCOUNTANT, organization=cast.school, is_active=True
    ).exists()
    (message,) = mail.outbox
    assert "Ваша роль: бухгалтер." in message.body
    # She enters no bank, pair or order: the e-mail does not ask her to confirm a consent for them.
    assert "Моё согласие" not in message.body
    # And the invited accountant opens the allowance bases of her school.
    client = client_for(None)
    client.force_login(person.user)
    assert client.get(reverse("allowances:basis-list")).status_code == 200


def test_a_mentoring_role_is_still_asked_to_confirm_the_consent(cast, django_capture_on_commit_callbacks):
    person = PersonFactory(organization=cast.school, email="new.mentor@example.ru")
    with django_capture_on_commit_callbacks(execute=True):
        services.person_invite(person=person, role=Role.MENTOR, invited_by=cast.curator, site_url="http://x/")
    assert "«Моё согласие»" in mail.outbox[0].body


def test_a_mentor_does_not_invite_an_accountant(client_for, cast):
    person = PersonFactory(organization=cast.school, email="buh.school@example.ru")
    response = invite(client_for("mentor"), person, "accountant")
    assert response.status_code in (403, 404)
    assert not Membership.objects.filter(role=Role.ACCOUNTANT, user__email="buh.school@example.ru").exists()
