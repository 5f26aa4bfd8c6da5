from django.urls import path

from samskap.needs import views

app_name = "needs"
urlpatterns = [
    path("", views.need_list, name="list"),
    path("ny/", views.need_create, name="create"),
    path("ny/valg/", views.create_options, name="create_options"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/rediger/", views.need_edit, name="edit"),
    path("innspill/", views.call_list, name="calls"),
    path("innspill/ny/", views.call_create, name="call_create"),
    path("innspill/<int:pk>/", views.call_detail, name="call_detail"),
    path("innspill/<int:pk>/lukk/", views.call_close, name="call_close"),
    path("innspill/<int:pk>/knytt-til/", views.call_attach, name="call_attach"),
    path("innspill/<int:pk>/fjern/<int:need_pk>/", views.call_detach, name="call_detach"),
    path("innspill/<int:pk>/eksport.xlsx", views.call_export, name="call_export"),
]
