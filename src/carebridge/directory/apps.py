from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "carebridge.directory"
    label = "directory"
    verbose_name = "社会資源・事業所"
