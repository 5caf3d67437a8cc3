"""DeepL for wagtail-localize, with a target language DeepL accepts.

wagtail-localize sends our locale code ``en`` to DeepL as ``EN``, a target
DeepL no longer takes; it wants ``EN-GB`` or ``EN-US``. Enabled only when
``DEEPL_AUTH_KEY`` is set (see config/settings/base.py).
"""

from wagtail_localize.machine_translators.deepl import DeepLTranslator

DEFAULT_TARGETS = {"en": "EN-GB", "nl": "NL"}


class SifDeepLTranslator(DeepLTranslator):
    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        targets = {**DEFAULT_TARGETS, **self.options.get("TARGET_LANGUAGES", {})}
        parameters["target_lang"] = targets.get(target_locale.language_code, parameters["target_lang"])
        return parameters
