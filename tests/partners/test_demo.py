from django.apps import apps
from django.core.management import call_command

from partners.demo import DEMO_PASSWORD
from partners.models import Membership, Neighbourhood, Organisation, User
from programmes.models import Programme

REAL_ORGANISATIONS = [
    "Valophis Sarepa",
    "ICF Habitat La Sablière",
    "Immobilière 3F",
    "Seqens",
    "So'Créatives",
    "Les Fées Récup",
    "Valloire Habitat",
    "Mille Sourires",
    "France Luxury Shirt",
    "PTCE du Gâtinais",
    "Batigère Habitats Solidaires",
    "Batigère Grand Est",
    "AMLI",
    "Emplois Familiaux de Moselle",
    "AFPA",
    "Université de Lorraine",
    "Optivo",
    "Archipel habitat",
    "Néotoa",
    "WeKer",
    "Pas-de-Calais Habitat",
    "LogiRep",
    "INCO",
    "Aide Accueil",
    "Immobilière Podeliha",
    "Jardin de Cocagne Angevin",
    "Aurore",
    "Yes We Camp",
    "Coallia",
]


def test_loading_the_demo_again_changes_no_table(demo):
    """No row added anywhere, and none changed: a change to an audited row adds an audit entry."""
    before = {model._meta.label: model.objects.count() for model in apps.get_models()}
    call_command("load_demo", verbosity=0)
    assert {model._meta.label: model.objects.count() for model in apps.get_models()} == before


def test_the_demo_holds_the_real_actors_of_the_programmes(demo):
    names = set(Organisation.objects.values_list("name", flat=True))
    assert set(REAL_ORGANISATIONS) <= names
    assert Programme.objects.count() >= 7
    assert Neighbourhood.objects.filter(city="Trappes").count() == 4


def test_demo_has_a_user_for_every_role_with_the_readme_password(demo):
    for role in Membership.Role.values:
        user = User.objects.filter(memberships__role=role).first()
        assert user is not None, role
        assert user.check_password(DEMO_PASSWORD)
