"""Emails of a confirmed group order, sent after its transaction commits.

Each participant gets an invitation: someone who already has an account reads that
they are enrolled; a newcomer gets a link to set a password (allauth's password-reset
link, which also proves they own the address). The leader gets the invoice.
"""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from credentials_portal.context_processors import site_names

from ..models import GroupOrder


def _password_link(user) -> str:
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def _invitation(order: GroupOrder, participant, is_new: bool) -> EmailMessage:
    context = {
        "order": order,
        "participant": participant,
        **site_names(),
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
        **site_names(),
        "invoice_url": f"{settings.SITE_URL}"
        f"{reverse('orders:invoice', kwargs={'number': invoice.number})}",
    }
    subject = _("Invoice %(number)s for %(offering)s") % {
        "number": invoice.number,
        "offering": order.offering,
    }
    body = render_to_string("orders/email/invoice.txt", context)
    return EmailMessage(subject, body, to=[order.leader.email])


def order_mail_send(*, order_id: int, new_participant_ids: set[int]) -> None:
    """Invite every participant and send the leader the invoice, on one connection."""
    order = GroupOrder.objects.select_related(
        "offering__unit", "leader", "invoice"
    ).get(pk=order_id)
    messages = [
        _invitation(order, participant, participant.pk in new_participant_ids)
        for participant in order.participants.select_related("learner")
    ]
    messages.append(_invoice_mail(order))
    get_connection().send_messages(messages)
