from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LANDLORD = "landlord", _("Social landlord")
        ASSOCIATION = "association", _("Association")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        EMPLOYER = "employer", _("Employer")
        TRAINING_BODY = "training_body", _("Training body")
        EMPLOYMENT_SERVICE = "employment_service", _("Employment service")
        FUNDER = "funder", _("Funder")
        PUBLIC_BODY = "public_body", _("Public body")
        UNIVERSITY = "university", _("University")

    class LegalForm(models.TextChoices):
        ESH = "esh", _("ESH (social housing company)")
        OPH = "oph", _("OPH (public housing office)")
        SEM = "sem", _("SEM (mixed-economy company)")
        COOP = "coop", _("Housing cooperative")
        HOUSING_ASSOCIATION = "housing_association", _("Housing association (UK)")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    legal_form = models.CharField(
        _("legal form"),
        max_length=32,
        choices=LegalForm.choices,
        blank=True,
        help_text=_("For landlords only."),
    )
    housing_stock = models.PositiveIntegerField(
        _("housing stock"), null=True, blank=True, help_text=_("Number of homes, for landlords.")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FR")
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="landlord") | models.Q(legal_form=""),
                name="legal_form_only_for_landlords",
            ),
        ]

    def __str__(self):
        return self.name


class Neighbourhood(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=120, unique=True)
    city = models.CharField(_("city"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    qpv_code = models.CharField(
        _("QPV code"),
        max_length=20,
        blank=True,
        help_text=_("Code of the priority neighbourhood (quartier prioritaire), when it is one."),
    )
    landlords = models.ManyToManyField(
        Organisation,
        related_name="neighbourhoods",
        blank=True,
        limit_choices_to={"kind": Organisation.Kind.LANDLORD},
        verbose_name=_("landlords"),
    )

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["city", "name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="unique_neighbourhood_per_city"),
        ]

    def __str__(self):
        return f"{self.name} ({self.city})"


class Membership(models.Model):
    class Role(models.TextChoices):
        LANDLORD_STAFF = "landlord_staff", _("Landlord staff")
        COORDINATOR = "coordinator", _("Coordinator")
        COMMITTEE_MEMBER = "committee_member", _("Committee member")
        FUNDER = "funder", _("Funder")
        PROGRAMME_ADMIN = "programme_admin", _("Programme admin")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role"),
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class Notification(models.Model):
    """An entry in a user's in-portal list of what is new."""

    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.message
