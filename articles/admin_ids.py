"""Ids a staff request names, read before a queryset sees them: the rows an action is for
(``_selected_action``), a form's chosen section or authors, the field ``?_to_field=`` names.

Django hands them to the database as typed, and a letter, a NUL byte or «1.5» where a
number belongs answered 500. Tampered or mangled, they are now refused the way Django
refuses an empty selection (the list again, with a message saying nothing was done), or
the form's own error (not one of the choices).
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils.translation import gettext


def _readable(field, value) -> bool:
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class _ReadableChoicesOnly:
    """An autocomplete box that draws back only the chosen values its field can read:
    Django looks up every value sent to show it chosen, before the form's error says it
    is not a choice."""

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        return super().optgroups(name, [v for v in value if _readable(target, v)], attr)


class CheckedAutocompleteSelect(_ReadableChoicesOnly, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(_ReadableChoicesOnly, AutocompleteSelectMultiple):
    pass


class CheckedIds:
    """For a ModelAdmin, before Django's: the ids its requests name are checked first."""

    def get_object(self, request, object_id, from_field=None):
        # «?_to_field=» left empty passes Django's check of the field named, then names none.
        return super().get_object(request, object_id, from_field or None)

    def response_action(self, request, queryset, *args, **kwargs):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(_readable(self.opts.pk, value) for value in selected):
            message = gettext("لم يُنفَّذ الإجراء: في العناصر المختارة رقم غير صالح.")
            self.message_user(request, message, messages.ERROR)
            return None  # Django's changelist_view sends the editor back to the list
        return super().response_action(request, queryset, *args, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
