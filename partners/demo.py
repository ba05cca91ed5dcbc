"""Demo organisations, neighbourhoods and people: real landlords, associations and funders
of tenant employment programmes, so that the demo reads like the field it serves.

QPV codes are illustrative. Every demo account shares DEMO_PASSWORD (README).
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from .models import Membership, Neighbourhood, Organisation, User

DEMO_PASSWORD = "passerelles-demo"
# The demo account that shows the second factor: its TOTP secret is in the README, so that a
# tester can generate its codes (`oathtool --totp -b PASSERELLESDEMO2`, or `manage.py demo_totp`).
DEMO_TOTP_EMAIL = "coordination.2fa@passerelles.demo"
DEMO_TOTP_SECRET = "PASSERELLESDEMO2"

K = Organisation.Kind
LF = Organisation.LegalForm

# slug: (name, kind, legal form, housing stock, city, country)
ORGANISATIONS = {
    # Landlords
    "valophis-sarepa": ("Valophis Sarepa", K.LANDLORD, LF.ESH, 11000, "Saint-Maur-des-Fossés", "FR"),
    "icf-la-sabliere": ("ICF Habitat La Sablière", K.LANDLORD, LF.ESH, 40000, "Paris", "FR"),
    "immobiliere-3f": ("Immobilière 3F", K.LANDLORD, LF.ESH, 280000, "Paris", "FR"),
    "seqens": ("Seqens", K.LANDLORD, LF.ESH, 105000, "Paris", "FR"),
    "valloire-habitat": ("Valloire Habitat", K.LANDLORD, LF.ESH, 16000, "Orléans", "FR"),
    "batigere-habitats-solidaires": (
        "Batigère Habitats Solidaires",
        K.LANDLORD,
        LF.ESH,
        3000,
        "Metz",
        "FR",
    ),
    "batigere-grand-est": ("Batigère Grand Est", K.LANDLORD, LF.ESH, 30000, "Metz", "FR"),
    "optivo": ("Optivo", K.LANDLORD, LF.HOUSING_ASSOCIATION, 45000, "London", "GB"),
    "archipel-habitat": ("Archipel habitat", K.LANDLORD, LF.OPH, 14500, "Rennes", "FR"),
    "neotoa": ("Néotoa", K.LANDLORD, LF.OPH, 13000, "Rennes", "FR"),
    "pas-de-calais-habitat": ("Pas-de-Calais Habitat", K.LANDLORD, LF.OPH, 40000, "Arras", "FR"),
    "logirep": ("LogiRep", K.LANDLORD, LF.ESH, 40000, "Suresnes", "FR"),
    "podeliha": ("Immobilière Podeliha", K.LANDLORD, LF.ESH, 22000, "Angers", "FR"),
    "vilogia": ("Vilogia", K.LANDLORD, LF.ESH, 80000, "Villeneuve-d'Ascq", "FR"),
    "maisons-et-cites": ("Maisons & Cités", K.LANDLORD, LF.ESH, 64000, "Douai", "FR"),
    "sia-habitat": ("SIA Habitat", K.LANDLORD, LF.ESH, 46000, "Douai", "FR"),
    "partenord-habitat": ("Partenord Habitat", K.LANDLORD, LF.OPH, 49000, "Lille", "FR"),
    "lille-metropole-habitat": ("Lille Métropole Habitat", K.LANDLORD, LF.OPH, 31000, "Lille", "FR"),
    "flandre-opale-habitat": ("Flandre Opale Habitat", K.LANDLORD, LF.OPH, 18000, "Dunkerque", "FR"),
    "habitat-hauts-de-france": ("Habitat Hauts-de-France", K.LANDLORD, LF.ESH, 21000, "Lens", "FR"),
    "norevie": ("Norévie", K.LANDLORD, LF.ESH, 18000, "Douai", "FR"),
    "paris-habitat": ("Paris Habitat", K.LANDLORD, LF.OPH, 125000, "Paris", "FR"),
    # Associations, social enterprises, employers, training, employment services
    "so-creatives": ("So'Créatives", K.ASSOCIATION, "", None, "Trappes", "FR"),
    "les-fees-recup": ("Les Fées Récup", K.SOCIAL_ENTERPRISE, "", None, "Trappes", "FR"),
    "mille-sourires": ("Mille Sourires", K.ASSOCIATION, "", None, "Montargis", "FR"),
    "france-luxury-shirt": ("France Luxury Shirt", K.EMPLOYER, "", None, "Montargis", "FR"),
    "ptce-gatinais": ("PTCE du Gâtinais", K.ASSOCIATION, "", None, "Montargis", "FR"),
    "amli": ("AMLI", K.ASSOCIATION, "", None, "Metz", "FR"),
    "emplois-familiaux-moselle": ("Emplois Familiaux de Moselle", K.ASSOCIATION, "", None, "Metz", "FR"),
    "afpa": ("AFPA", K.TRAINING_BODY, "", None, "Metz", "FR"),
    "universite-lorraine": ("Université de Lorraine", K.UNIVERSITY, "", None, "Nancy", "FR"),
    "weker": ("WeKer", K.EMPLOYMENT_SERVICE, "", None, "Rennes", "FR"),
    "inco": ("INCO", K.SOCIAL_ENTERPRISE, "", None, "Paris", "FR"),
    "aide-accueil": ("Aide Accueil", K.ASSOCIATION, "", None, "Angers", "FR"),
    "jardin-cocagne-angevin": ("Jardin de Cocagne Angevin", K.SOCIAL_ENTERPRISE, "", None, "Angers", "FR"),
    "chantier-segre-environnement": ("Segré Environnement", K.SOCIAL_ENTERPRISE, "", None, "Segré", "FR"),
    "ressourcerie-anjou": ("Ressourcerie des Biscottes", K.SOCIAL_ENTERPRISE, "", None, "Angers", "FR"),
    "atelier-bois-anjou": ("Atelier Bois d'Anjou", K.SOCIAL_ENTERPRISE, "", None, "Angers", "FR"),
    "restos-insertion-angers": ("Le Petit Restaurant d'insertion", K.SOCIAL_ENTERPRISE, "", None, "Angers", "FR"),
    "entretien-espaces-segre": ("Espaces Verts Solidaires du Segréen", K.SOCIAL_ENTERPRISE, "", None, "Segré", "FR"),
    "aurore": ("Aurore", K.ASSOCIATION, "", None, "Paris", "FR"),
    "yes-we-camp": ("Yes We Camp", K.ASSOCIATION, "", None, "Paris", "FR"),
    "coallia": ("Coallia", K.ASSOCIATION, "", None, "Paris", "FR"),
    "france-travail": ("France Travail", K.EMPLOYMENT_SERVICE, "", None, "Paris", "FR"),
    # Funders and public bodies
    "dreets-hdf": ("DREETS Hauts-de-France", K.FUNDER, "", None, "Lille", "FR"),
    "fse": ("Fonds social européen (FSE+)", K.FUNDER, "", None, "Paris", "FR"),
    "departement-maine-et-loire": ("Département de Maine-et-Loire", K.FUNDER, "", None, "Angers", "FR"),
    "ville-segre": ("Ville de Segré-en-Anjou Bleu", K.FUNDER, "", None, "Segré", "FR"),
    "interreg-fma": ("Interreg France (Channel) England", K.FUNDER, "", None, "Lille", "FR"),
    "federation-esh": ("Fédération des ESH", K.PUBLIC_BODY, "", None, "Paris", "FR"),
}

# slug: (name, city, postcode, QPV code, landlord slugs)
NEIGHBOURHOODS = {
    "trappes-merisiers": (
        "Les Merisiers",
        "Trappes",
        "78190",
        "QN07810M",
        ["valophis-sarepa", "icf-la-sabliere", "immobiliere-3f", "seqens"],
    ),
    "trappes-plaine-de-neauphle": (
        "Plaine de Neauphle",
        "Trappes",
        "78190",
        "QN07811M",
        ["valophis-sarepa", "immobiliere-3f", "seqens"],
    ),
    "trappes-sand-pergaud-verlaine": (
        "Sand / Pergaud / Verlaine",
        "Trappes",
        "78190",
        "QN07812M",
        ["icf-la-sabliere", "immobiliere-3f"],
    ),
    "trappes-centre-ville": ("Centre-ville", "Trappes", "78190", "", ["seqens", "valophis-sarepa"]),
    "montargis-la-chaussee": ("La Chaussée", "Montargis", "45200", "QN04502M", ["valloire-habitat"]),
    "metz-borny": ("Borny", "Metz", "57070", "QN05705M", ["batigere-habitats-solidaires", "batigere-grand-est"]),
    "woippy-saint-eloy": ("Saint-Eloy / Pré-Génie", "Woippy", "57140", "QN05709M", ["batigere-grand-est"]),
    "rennes-le-blosne": ("Le Blosne", "Rennes", "35200", "QN03502M", ["archipel-habitat", "neotoa"]),
    "rennes-maurepas": ("Maurepas", "Rennes", "35700", "QN03501M", ["archipel-habitat"]),
    "arras-saint-pol": ("Quartier Ouest", "Arras", "62000", "QN06201M", ["pas-de-calais-habitat"]),
    "nanterre-petit-nanterre": ("Petit-Nanterre", "Nanterre", "92000", "QN09208M", ["logirep"]),
    "london-peckham": ("Peckham", "London", "SE15", "", ["optivo"]),
    "angers-belle-beille": ("Belle-Beille", "Angers", "49000", "QN04902M", ["podeliha"]),
    "segre-centre": ("Segré centre", "Segré-en-Anjou Bleu", "49500", "", ["podeliha"]),
    "roubaix-epeule": (
        "L'Épeule",
        "Roubaix",
        "59100",
        "QN05921M",
        ["vilogia", "lille-metropole-habitat", "partenord-habitat"],
    ),
    "lens-grande-residence": (
        "Grande Résidence",
        "Lens",
        "62300",
        "QN06212M",
        ["maisons-et-cites", "habitat-hauts-de-france", "sia-habitat"],
    ),
    "calais-beau-marais": ("Beau-Marais", "Calais", "62100", "QN06204M", ["flandre-opale-habitat", "norevie"]),
    "paris-14-grands-voisins": ("Les Grands Voisins", "Paris 14e", "75014", "", ["paris-habitat"]),
}

# e-mail: (first name, last name, [(organisation slug, role)])
R = Membership.Role
USERS = {
    "bailleur@passerelles.demo": ("Sophie", "Marchand", [("valloire-habitat", R.LANDLORD_STAFF)]),
    "bailleur.3f@passerelles.demo": ("Karim", "Benali", [("immobiliere-3f", R.LANDLORD_STAFF)]),
    "bailleur.batigere@passerelles.demo": ("Claire", "Weber", [("batigere-grand-est", R.LANDLORD_STAFF)]),
    "coordination@passerelles.demo": ("Nadia", "Haddad", [("mille-sourires", R.COORDINATOR)]),
    "coordination.socreatives@passerelles.demo": ("Julie", "Perrin", [("so-creatives", R.COORDINATOR)]),
    "coordination.amli@passerelles.demo": ("Thomas", "Muller", [("amli", R.COORDINATOR)]),
    "coordination.aideaccueil@passerelles.demo": ("Élise", "Guérin", [("aide-accueil", R.COORDINATOR)]),
    "coordination.aurore@passerelles.demo": ("Moussa", "Diallo", [("aurore", R.COORDINATOR)]),
    "coordination.inco@passerelles.demo": ("Laura", "Bernard", [("inco", R.COORDINATOR)]),
    "coordination.hdf@passerelles.demo": ("Hélène", "Lefebvre", [("vilogia", R.COORDINATOR)]),
    DEMO_TOTP_EMAIL: ("Inès", "Caron", [("mille-sourires", R.COORDINATOR)]),
    "comite@passerelles.demo": ("Philippe", "Roussel", [("federation-esh", R.COMMITTEE_MEMBER)]),
    "comite.dreets@passerelles.demo": ("Anne", "Dupont", [("dreets-hdf", R.COMMITTEE_MEMBER)]),
    "comite.3f@passerelles.demo": ("Marc", "Lemoine", [("immobiliere-3f", R.COMMITTEE_MEMBER)]),
    "comite.cdc@passerelles.demo": ("Isabelle", "Fontaine", [("fse", R.COMMITTEE_MEMBER)]),
    "comite.travail@passerelles.demo": ("Yves", "Morel", [("france-travail", R.COMMITTEE_MEMBER)]),
    "financeur@passerelles.demo": ("Bruno", "Laurent", [("dreets-hdf", R.FUNDER)]),
    "financeur.fse@passerelles.demo": ("Camille", "Girard", [("fse", R.FUNDER)]),
    "financeur.departement@passerelles.demo": ("Pauline", "Mercier", [("departement-maine-et-loire", R.FUNDER)]),
    "admin@passerelles.demo": ("Alex", "Martin", [("federation-esh", R.PROGRAMME_ADMIN)]),
}


@transaction.atomic
def load() -> None:
    for slug, (name, kind, legal_form, stock, city, country) in ORGANISATIONS.items():
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "legal_form": legal_form,
                "housing_stock": stock,
                "city": city,
                "country": country,
            },
        )
    orgs = {o.slug: o for o in Organisation.objects.all()}
    for slug, (name, city, postcode, qpv, landlords) in NEIGHBOURHOODS.items():
        hood, _ = Neighbourhood.objects.update_or_create(
            slug=slug, defaults={"name": name, "city": city, "postcode": postcode, "qpv_code": qpv}
        )
        hood.landlords.set([orgs[s] for s in landlords])
    for email, (first, last, memberships) in USERS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, first_name=first, last_name=last)
        if any(role == R.PROGRAMME_ADMIN for _, role in memberships):
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        for slug, role in memberships:
            Membership.objects.get_or_create(user=user, organisation=orgs[slug], role=role)
    enrol_demo_second_factor(User.objects.get(email=DEMO_TOTP_EMAIL))


def enrol_demo_second_factor(user) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    RecoveryCodes.activate(user)
