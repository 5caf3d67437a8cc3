from django import template

from home import images

register = template.Library()


@register.simple_tag
def responsive_image(image, preset, alt="", css_class="", priority=False):
    """``{% responsive_image page.image "header" priority=True %}``: how every page shows an image.

    See home/images.py for the presets and the markup.
    """
    return images.picture(image, preset, alt=alt, css_class=css_class, priority=priority)
