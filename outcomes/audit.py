from partners.audit import track

from . import models

track(models.Exit)
