from django.contrib import admin

from .models import AcademicYear, Municipality, Organization, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]
    list_select_related = ["region"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "municipality", "kind"]
    list_filter = ["kind", "municipality__region"]
    search_fields = ["short_name", "full_name"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_current"]
