from django.urls import path

from . import order_views

app_name = "orders"

urlpatterns = [
    path("new/", order_views.order_new, name="new"),
    path("<int:pk>/", order_views.order_quote, name="quote"),
    path("<int:pk>/confirm/", order_views.order_confirm, name="confirm"),
    path("invoices/<str:number>/", order_views.invoice_detail, name="invoice"),
]
