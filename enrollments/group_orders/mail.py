"""Emails of a confirmed group order, sent by the worker after the confirmation
commits.

Each participant gets an invitation: someone who already has an account reads that
they are enrolled; a newcomer gets a link to set a password (allauth's password-reset
link, which also proves they own the address). The leader gets the invoice.
"""

from collections.abc import Callable
from typing import cast

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.site import absolute_url, site_context

from ..models import GroupOrder, Participant
from .mail_rejections import recipient_refusal


def _password_link(user) -> str:
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def _invitation(order: GroupOrder, participant, is_new: bool) -> EmailMessage:
    context = {
        "order": order,
        "participant": participant,
        **site_context(),
        "password_link": _password_link(participant.learner) if is_new else "",
    }
    subject = _("You are enrolled in %(offering)s") % {"offering": order.offering}
    body = render_to_string("orders/email/invitation.txt", context)
    return EmailMessage(subject, body, to=[participant.email])


def _invoice_mail(order: GroupOrder) -> EmailMessage:
    invoice = order.invoice
    context = {
        "order": order,
        "invoice": invoice,
        "lines": invoice.lines.all(),
        **site_context(),
        "invoice_url": absolute_url(
            reverse("orders:invoice", kwargs={"number": invoice.number})
        ),
    }
    subject = _("Invoice %(number)s for %(offering)s") % {
        "number": invoice.number,
        "offering": order.offering,
    }
    body = render_to_string("orders/email/invoice.txt", context)
    return EmailMessage(subject, body, to=[order.leader.email])


def order_invitations_send(*, order_id: int, progress: Callable[[int], None]) -> int:
    """Invite each participant not invited yet, marking each one as it goes, so a
    run that stops halfway (and is retried) invites the others, never anyone
    twice; returns how many are invited in all. ``progress(n)`` hears the count.

    A participant whose account has no usable password (a newcomer, or someone
    who never set one) gets the set-password link; the others are told to sign in.
    An address the mail server refuses for good is recorded on its participant
    (``invitation_error``) and the others go on; a connection error is raised.
    """
    order = GroupOrder.objects.select_related("offering__unit").get(pk=order_id)
    waiting = order.participants.filter(
        invited_at__isnull=True, invitation_error=""
    ).select_related("learner")
    invited = order.participants.exclude(invited_at__isnull=True).count()
    connection = get_connection()
    with connection:
        for participant in waiting.iterator(chunk_size=500):
            learner = cast(User, participant.learner)  # set by the confirmation
            is_new = not learner.has_usable_password()
            try:
                connection.send_messages([_invitation(order, participant, is_new)])
            except OSError as exc:  # smtplib.SMTPException included
                if (refusal := recipient_refusal(exc)) is None:
                    raise
                Participant.objects.filter(pk=participant.pk).update(
                    invitation_error=refusal[:2000]
                )
                continue
            Participant.objects.filter(pk=participant.pk).update(
                invited_at=timezone.now()
            )
            invited += 1
            progress(invited)
    return invited


def order_invoice_mail_send(*, order_id: int) -> None:
    """Send the leader the order's invoice."""
    order = GroupOrder.objects.select_related(
        "offering__unit", "leader", "invoice"
    ).get(pk=order_id)
    get_connection().send_messages([_invoice_mail(order)])
