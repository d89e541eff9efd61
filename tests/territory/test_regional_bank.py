import pytest
from django.urls import reverse

from apps.programs.models import ProgramTemplate
from tests.factories.organizations import MunicipalityFactory, OrganizationFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = reverse("territory:regional-bank")


def _template(organization, title, visibility=ProgramTemplate.Visibility.REGION):
    return ProgramTemplate.objects.create(
        organization=organization,
        title=title,
        visibility=visibility,
        months=8,
        sections={"goal": "Цель программы"},
    )


def test_curator_sees_programs_opened_to_the_region_only(client_for, cast):
    _template(cast.far_school, "Цифровые инструменты учителя")
    _template(cast.far_school, "Только для своей школы", ProgramTemplate.Visibility.ORGANIZATION)
    stranger = OrganizationFactory(
        municipality=MunicipalityFactory(region=RegionFactory(name="Другой регион"))
    )
    _template(stranger, "Программа другого региона")
    page = client_for("curator").get(URL).content.decode()
    assert "Цифровые инструменты учителя" in page
    assert "Только для своей школы" not in page and "Программа другого региона" not in page


def test_regional_bank_search_and_fixed_queries(client_for, cast, django_assert_max_num_queries):
    _template(cast.other_school, "Наставник молодого учителя")
    client = client_for("municipal")
    with django_assert_max_num_queries(15) as small:
        assert client.get(URL + "?q=молодого").context["page_obj"].paginator.count == 1
    for i in range(10):
        _template(cast.far_school, f"Программа {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(URL)


@pytest.mark.parametrize(
    ("who", "status"), [("curator", 200), ("regional", 200), ("mentee", 403), ("nobody", 403)]
)
def test_who_opens_the_regional_bank(client_for, who, status):
    assert client_for(who).get(URL).status_code == status
