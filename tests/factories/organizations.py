import factory

from apps.organizations.models import AcademicYear, Municipality, Organization, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Регион {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Муниципалитет {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    municipality = factory.SubFactory(MunicipalityFactory)
    # From № 101: never «МБОУ СОШ № 7» of the cast, nor a name of which it is a part.
    short_name = factory.Sequence(lambda n: f"МБОУ СОШ № {n + 101}")
    full_name = factory.LazyAttribute(
        lambda o: f"Муниципальное бюджетное общеобразовательное учреждение «{o.short_name[5:]}»"
    )
    locality = "г. Сургут"
    director_name = "Кузнецова Наталья Викторовна"


class AcademicYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicYear
        django_get_or_create = ["start_year"]

    start_year = 2026
    is_current = True
