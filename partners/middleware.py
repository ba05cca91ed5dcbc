class FrenchFirstMiddleware:
    """French is the portal's language unless the person chose English with the switch.

    Without this, Django's LocaleMiddleware would follow the browser's Accept-Language and
    show English to French staff whose browsers are set up in English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
