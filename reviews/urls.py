from django.urls import path

from .views import files, learner, peer, reviewer

app_name = "reviews"

REQUIREMENT = "enrollments/<int:enrollment_pk>/requirements/<int:requirement_pk>/"

urlpatterns = [
    path(
        "enrollments/<int:enrollment_pk>/requirements/",
        learner.requirement_list,
        name="requirement_list",
    ),
    path(REQUIREMENT, learner.requirement_detail, name="requirement"),
    path(f"{REQUIREMENT}draft/", learner.draft_post, name="draft"),
    path(f"{REQUIREMENT}artifacts/", learner.artifact_post, name="artifact_add"),
    path(
        f"{REQUIREMENT}artifacts/<uuid:uuid>/remove/",
        learner.artifact_remove_post,
        name="artifact_remove",
    ),
    path(f"{REQUIREMENT}checklist/", learner.checklist_post, name="checklist"),
    path(
        "enrollments/<int:enrollment_pk>/peers/<int:version_pk>/",
        peer.peer_project,
        name="peer_project",
    ),
    path("files/<uuid:uuid>/", files.artifact_file, name="artifact_file"),
    path("review/", reviewer.review_queue, name="queue"),
    path("review/submissions/<int:pk>/", reviewer.review_page, name="review"),
    path(
        "review/enrollments/<int:enrollment_pk>/extension/",
        reviewer.extension_grant_page,
        name="extension",
    ),
]
