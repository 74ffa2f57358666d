"""Ending a user's browser sessions (when an administrator deactivates the account).

Django already refuses the session of an inactive user at its next request (ModelBackend's
`get_user` answers None for `is_active=False`), but the session row itself would live on and
work again if the account were reactivated within its lifetime — a tablet left behind on a home
visit would be logged in again. So deactivation deletes the sessions outright.

Sessions are stored in the database (`django.contrib.sessions`), keyed by a random key with the
user id inside the signed payload, so finding one user's sessions reads the unexpired ones. That
is a rare administrator action; the per-request path stays untouched.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from .models import User


def end_sessions(user: User) -> int:
    """Delete every unexpired session of `user`; the number deleted. A session store without
    rows (the plain cache backend) cannot be searched: there, ModelBackend's refusal of inactive
    users is what ends them."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return 0
    model = store_class.get_model_class()
    wanted = str(user.pk)
    ended = 0
    rows = model.objects.filter(expire_date__gt=timezone.now()).values_list("session_key", "session_data")
    for key, data in rows.iterator():
        store = store_class(key)
        if str(store.decode(data).get(SESSION_KEY)) == wanted:
            store.delete(key)
            ended += 1
    return ended
