from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal
from partners.decorators import recent_auth_required


@recent_auth_required
def person_file(request):
    return HttpResponse(f"{request.method} done")


urlpatterns = [*portal, path("test/person-file/", person_file, name="test_person_file")]
