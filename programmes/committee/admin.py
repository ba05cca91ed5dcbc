from django.contrib import admin

from . import models

# The committee is run from the portal, where the services check the rules. The admin may edit a
# call and its grid; applications, meetings, declarations, votes and decisions are read-only here,
# so that nothing changes behind the committee's back or escapes the transition records.


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    extra = 0


@admin.register(models.Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_on", "deadline", "budget_envelope"]
    search_fields = ["title"]
    filter_horizontal = ["funders"]
    inlines = [CriterionInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "revision", "call", "lead_landlord", "status", "submitted_at"]
    list_filter = ["status", "call"]
    search_fields = ["title", "lead_landlord__name"]


@admin.register(models.Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "starts_at", "call", "status", "quorum"]
    list_filter = ["status", "call"]


@admin.register(models.ConflictDeclaration)
class ConflictDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["item", "member", "kind", "declared_at"]
    list_filter = ["kind"]


@admin.register(models.Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["item", "member", "choice", "cast_at"]
    list_filter = ["choice"]


@admin.register(models.Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["item", "outcome", "amount_granted", "decided_by", "decided_at"]
    list_filter = ["outcome"]
