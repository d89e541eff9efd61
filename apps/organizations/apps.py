"""Regions, municipalities, educational organisations and academic years."""

from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "apps.organizations"
    verbose_name = "Организации"
