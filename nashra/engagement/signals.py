from django.dispatch import Signal

# Sent with article_ids=[...] whenever what articles show of their comments may have changed:
# an approval, a rejection of a published comment, a deletion, a report that hides one.
comments_changed = Signal()
