from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("new/", views.order_new, name="new"),
    path("<int:pk>/", views.order_quote, name="quote"),
    path("<int:pk>/confirm/", views.order_confirm, name="confirm"),
    path("invoices/<str:number>/", views.invoice_detail, name="invoice"),
]
