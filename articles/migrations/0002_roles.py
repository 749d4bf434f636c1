"""The newsroom's roles as groups with permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Reporters": [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "delete_article"),
        ("articles", "view_section"),
        ("articles", "view_author"),
        ("taggit", "view_tag"),
    ],
    "Editors": [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "delete_article"),
        ("articles", "publish_article"),
        ("articles", "add_section"),
        ("articles", "change_section"),
        ("articles", "view_section"),
        ("articles", "delete_section"),
        ("articles", "add_author"),
        ("articles", "change_author"),
        ("articles", "view_author"),
        ("articles", "delete_author"),
        ("taggit", "add_tag"),
        ("taggit", "change_tag"),
        ("taggit", "view_tag"),
        ("taggit", "delete_tag"),
    ],
    # Moderators own reader reactions; they get no rights over articles.
    "Moderators": [],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in codenames
            )
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
