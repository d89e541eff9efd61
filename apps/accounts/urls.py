from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.code_login, name="code-login"),
    path("password/set/", views.password_set, name="password-set"),
    path("users/<int:pk>/sign-in-code/", views.sign_in_code_issue, name="sign-in-code-issue"),
    path("logout/", oidc_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    # Sign-in through the region's identity provider (answers 404 while OIDC_ISSUER is not set).
    path("login/oidc/", oidc_views.oidc_login, name="oidc-login"),
    path("login/oidc/callback/", oidc_views.oidc_callback, name="oidc-callback"),
    path("login/oidc/link/", oidc_views.oidc_link_password, name="oidc-link-password"),
    path("login/oidc/invitation/<str:token>/", oidc_views.invitation_accept, name="oidc-invitation"),
    path("profile/sign-in/link/", oidc_views.oidc_link, name="oidc-link"),
    path("profile/sign-in/<int:pk>/unlink/", oidc_views.oidc_unlink, name="oidc-unlink"),
    path(
        "users/<int:pk>/identity-invitation/", oidc_views.invitation_issue, name="identity-invitation-issue"
    ),
    path("organization/switch/", views.switch_organization, name="organization-switch"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password-change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password-change-done",
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
