"""The case form: a new case starts with its phases and key figures laid out.

Inserting a block takes two clicks (the "+", then the block's name) and each further step or
figure one more; almost every case has both, with two or more steps and figures. A new case now
opens with a "Steps or phases" block of two steps and a "Key figures" block of two figures,
empty; whatever is left entirely empty is dropped on save (home/blocks.py, ``SkipsEmptyBlocks``
and ``DropsEmptyItems``).
"""

from wagtail.admin.forms import WagtailAdminPageForm

EMPTY_STEP = {"name": "", "activities": "", "outcome": ""}
EMPTY_FIGURE = {"value": "", "label": ""}
LAID_OUT = {
    "phases": [("phases", {"title": "", "steps": [EMPTY_STEP, EMPTY_STEP]})],
    "key_figures": [("key_figures", {"title": "", "figures": [EMPTY_FIGURE, EMPTY_FIGURE]})],
}


class CasePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            for name, laid_out in LAID_OUT.items():
                if name in self.fields:
                    stream_block = self.instance._meta.get_field(name).stream_block
                    self.initial[name] = stream_block.to_python(
                        [{"type": kind, "value": value} for kind, value in laid_out]
                    )
