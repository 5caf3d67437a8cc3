from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from home.hub import HUB_SECTIONS_HOOK
from home.privacy import PERSONAL_DATA_HOOK
from intake.guarantees import RETENTION_HOOK

from .applications import Application
from .hub import challenges_link
from .privacy import application_personal_data
from .retention import purge
from .triage import (
    VIEW_PERMISSION,
    ApplicationPermissionPolicy,
    ApplicationsDashboardPanel,
    ApplicationViewSet,
    attachment,
)

hooks.register(HUB_SECTIONS_HOOK, challenges_link, order=35)
register_permission_policy(Application, ApplicationPermissionPolicy(Application))
# Applications are kept only as long as the retention says: `manage.py purge_intake` runs this daily.
hooks.register(RETENTION_HOOK, purge)
# What the application form keeps, for the privacy statement (home/privacy.py).
hooks.register(PERSONAL_DATA_HOOK, application_personal_data, order=20)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet()


@hooks.register("register_admin_urls")
def attachment_urls():
    return [path("challenges/applications/<int:pk>/attachment/", attachment, name="challenge_application_attachment")]


@hooks.register("construct_homepage_panels")
def add_applications_panel(request, panels):
    if request.user.has_perm(VIEW_PERMISSION):
        panels.append(ApplicationsDashboardPanel())
