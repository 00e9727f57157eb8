from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "accroche.www"
    label = "www"

    def ready(self) -> None:
        from accroche.form_lengths import install_length_rule

        install_length_rule()
