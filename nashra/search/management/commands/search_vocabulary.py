from django.core.management.base import BaseCommand

from nashra.search.suggestions import rebuild


class Command(BaseCommand):
    help = (
        'Build the vocabulary of "did you mean" again from the published articles '
        "(after an upgrade, a restore or a change of the Arabic analysis)."
    )

    def handle(self, *args, **options):
        stdout = self.stdout if options["verbosity"] > 1 else None
        articles, words = rebuild(stdout=stdout)
        if options["verbosity"]:
            self.stdout.write(f"{words} words from {articles} published articles.")
