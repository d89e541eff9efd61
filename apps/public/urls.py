from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("<slug:slug>/nastavnichestvo/", views.public_page, name="page"),
    path("<slug:slug>/nastavnichestvo/polozhenie.pdf", views.public_regulation_pdf, name="regulation-pdf"),
    path("<slug:slug>/nastavnichestvo/programmy/<int:pk>/", views.public_program, name="program"),
    # The first address of the page, which schools' sites may still link to: 301 to the one above.
    path("<int:pk>/", views.public_page_by_id, name="page-by-id"),
    path("news/", views.news_list, name="news-list"),
    path("news/add/", views.news_create, name="news-create"),
    path("news/<int:pk>/edit/", views.news_edit, name="news-edit"),
    path("news/<int:pk>/delete/", views.news_delete, name="news-delete"),
]
