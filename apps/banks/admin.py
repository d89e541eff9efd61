"""Read-mostly admin of the banks; the portal's pages and services are where entries change."""

from django.contrib import admin

from .models import MenteeDifficulty, MenteeEntry, MentorEntry, MentorStrength


class MenteeDifficultyInline(admin.TabularInline):
    model = MenteeDifficulty
    extra = 0


class MentorStrengthInline(admin.TabularInline):
    model = MentorStrength
    extra = 0


@admin.register(MenteeEntry)
class MenteeEntryAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "year", "category", "status", "source"]
    list_filter = ["year", "status", "category", "source"]
    search_fields = ["person__last_name", "person__first_name"]
    raw_id_fields = ["person", "carried_from", "created_by"]
    list_select_related = ["person", "organization", "year"]
    inlines = [MenteeDifficultyInline]


@admin.register(MentorEntry)
class MentorEntryAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "year", "status", "max_mentees", "consent_signed_on"]
    list_filter = ["year", "status", "source"]
    search_fields = ["person__last_name", "person__first_name"]
    raw_id_fields = ["person", "carried_from", "created_by", "approved_by"]
    list_select_related = ["person", "organization", "year"]
    inlines = [MentorStrengthInline]
