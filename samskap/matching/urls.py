from django.urls import path

from samskap.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("behov/<int:pk>/forslag/", views.need_suggestions, name="need_suggestions"),
    path("behov/<int:pk>/forslag/avgjor/", views.decide, name="decide"),
    path("behov/<int:pk>/interessert/", views.interested, name="interested"),
    path("felles-utfordringer/", views.shared_challenges, name="shared_challenges"),
    path("like-behov/", views.similar_needs, name="similar_needs"),
]
