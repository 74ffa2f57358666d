# Minimal stubs of django-otp (it ships no types): what CareBridge uses.
from typing import Any

from django.http import HttpRequest

def login(request: HttpRequest, device: Any) -> None: ...
def user_has_device(user: Any, confirmed: bool = ...) -> bool: ...
