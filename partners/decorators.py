from allauth.account.decorators import reauthentication_required


def recent_auth_required(view):
    """For the views that export or erase a person's file: the user confirmed who they are in the
    last REAUTHENTICATION_MINUTES (the login counts), or is asked to first (their second factor
    when they have one, else their password); the request, GET or POST, then goes through."""
    return reauthentication_required(view, allow_get=False)
