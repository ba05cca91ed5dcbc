from allauth.account.forms import LoginForm
from allauth.mfa.base import forms as mfa_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from . import authentication


class EmailLoginForm(LoginForm):
    """allauth's login form, with the portal's wording (and the labels its tests and people know)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"] = forms.EmailField(
            label=_("E-mail address"),
            widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
        )
        self.fields["password"].label = _("Password")
        self.fields["password"].help_text = ""
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.order_fields(["login", "password"])

    def login(self, request, redirect_url=None):
        response = super().login(request, redirect_url)
        # allauth sets the cookie's age (ACCOUNT_SESSION_REMEMBER) after the login has started
        # the session: the shorter one of those who read personal data is set again after it.
        authentication.limit_cookie(request)
        return response


class SecondFactorCodeMixin:
    """Says where the code comes from, and that a recovery code works too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = _("Code")
        code.help_text = _("The six digits your authenticator app shows, or one of your recovery codes.")
        code.widget.attrs.update({"placeholder": "", "autofocus": True, "autocomplete": "one-time-code"})


class SecondFactorForm(SecondFactorCodeMixin, mfa_forms.AuthenticateForm):
    pass


class SecondFactorConfirmForm(SecondFactorCodeMixin, mfa_forms.ReauthenticateForm):
    pass


def add_errors(form, error) -> None:
    """Put a service's ValidationError on the form: on its field when it names one of the
    form's fields, else at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def version_field(version: int | None) -> forms.IntegerField:
    """The hidden copy of the version a page was built from (partners/locking.py), which the
    service compares when saving; None when the page showed no row yet."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False, initial=version)


class VersionedForm(forms.ModelForm):
    """A form of a `Versioned` row: it carries the row's version, hidden. A form for a row not
    saved yet carries none, so that a row someone else creates meanwhile counts as stale."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field(self.instance.version if self.instance.pk else None)
