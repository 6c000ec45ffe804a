from django.dispatch import Signal

# Sent once the transaction that added, changed or deleted a live entry has committed, with
# `page` (the LivePage, specific) and `entry` (the LiveEntry; `entry.deleted_at` set for a
# deletion). Receivers purge what shows the entry: the page itself, its updates, feeds, the API.
entry_changed = Signal()
