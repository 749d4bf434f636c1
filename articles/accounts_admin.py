"""Django's own admins for staff accounts and roles, with their history read as ours is:
fields changed together listed as the reader's language writes a list
(«تم تغيير الاسم الأول واسم العائلة.»), not with Django's detached «و»."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from articles.admin_ids import CheckedIds
from articles.history import ReadableHistory

User = get_user_model()

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffUserAdmin(CheckedIds, ReadableHistory, UserAdmin):
    pass


@admin.register(Group)
class RoleAdmin(CheckedIds, ReadableHistory, GroupAdmin):
    pass
