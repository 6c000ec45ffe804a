from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from nashra.engagement.captcha.image import KEPT
from nashra.engagement.models import Comment, ImageChallenge, Reaction, SpentChallenge


class Command(BaseCommand):
    help = (
        "Forget hashed network addresses older than NASHRA_ADDRESS_HASH_RETENTION_DAYS and "
        "expired captcha records. Run daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.NASHRA_ADDRESS_HASH_RETENTION_DAYS)
        comments = (
            Comment.objects.filter(created_at__lt=cutoff)
            .exclude(address_hash="")
            .update(address_hash="")
        )
        votes = (
            Reaction.objects.filter(created_at__lt=cutoff)
            .exclude(address_hash="")
            .update(address_hash="")
        )
        now = timezone.now()
        spent, _ = SpentChallenge.objects.filter(expires_at__lt=now).delete()
        images, _ = ImageChallenge.objects.filter(expires_at__lt=now - KEPT).delete()
        self.stdout.write(
            f"Forgot addresses on {comments} comment(s) and {votes} vote(s); "
            f"removed {spent} spent and {images} image captcha record(s)."
        )
