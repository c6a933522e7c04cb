"""The public, read-only API. Only published fact-checks and what they rest on are visible."""

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck import claimreview, selectors
from factcheck.api import filtersets, pagination
from factcheck.api import serializers as api
from factcheck.match_index import published_index
from factcheck.models import Verdict, VerdictState
from sources.models import Outlet, Source


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


_BAD_REQUEST = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Unknown query parameter or invalid value, by name."
)
_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such item, or an invalid cursor.")
_THROTTLED = OpenApiResponse(ErrorSerializer, description="Too many requests; retry later.")


def documented(serializer, *, gone: bool = False):
    """The responses of a list and a detail operation, errors included."""
    errors = {400: _BAD_REQUEST, 404: _NOT_FOUND, 429: _THROTTLED}
    detail_errors = {404: _NOT_FOUND, 429: _THROTTLED, 400: _BAD_REQUEST}
    if gone:
        detail_errors[410] = OpenApiResponse(
            ErrorSerializer, description="The fact-check was withdrawn."
        )
    return extend_schema_view(
        list=extend_schema(responses={200: serializer(many=True), **errors}),
        retrieve=extend_schema(responses={200: serializer, **detail_errors}),
    )


# Parameters every endpoint accepts besides its filters.
_COMMON_PARAMETERS = {"format", "cursor", "page", "page_size", "ordering"}


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Strict, cacheable, read-only viewsets.

    An unknown query parameter is answered with 400 rather than ignored, so a typo in a filter
    never silently returns everything. Responses say how long they may be cached and when the
    data last changed (``Last-Modified``); ``ConditionalGetMiddleware`` adds the ``ETag``.
    """

    extra_parameters: frozenset[str] = frozenset()
    last_modified_field: str | None = None
    throttle_scope: str | None = None  # set per action (the matcher has its own rate)
    # Every public object has a positive 64-bit id. Anything else in its place names nothing,
    # so it is a 404 before it reaches a query, where the database would refuse it (a 500).
    lookup_value_field = forms.IntegerField(min_value=1, max_value=filtersets.MAX_ID)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        allowed = set(_COMMON_PARAMETERS) | set(self.extra_parameters)
        if self.filterset_class is not None:
            allowed |= set(self.filterset_class.base_filters)
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError(
                dict.fromkeys(unknown, "Unknown query parameter.") | {"allowed": sorted(allowed)}
            )

    def get_object(self):
        kwarg = self.lookup_url_kwarg or self.lookup_field
        try:
            self.kwargs[kwarg] = self.lookup_value_field.clean(self.kwargs[kwarg])
        except forms.ValidationError:
            raise NotFound() from None
        return super().get_object()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == status.HTTP_200_OK:
            response.setdefault(
                "Cache-Control", f"public, max-age={settings.FACTDESK_API_CACHE_SECONDS}"
            )
            modified = getattr(self, "_last_modified", None)
            if modified is not None:
                response.setdefault("Last-Modified", http_date(modified.timestamp()))
        return response

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        items = page if page is not None else list(queryset)
        self._remember_last_modified(items)
        serializer = self.get_serializer(items, many=True)
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self._remember_last_modified([instance])
        return Response(self.get_serializer(instance).data)

    def _remember_last_modified(self, items) -> None:
        if self.last_modified_field:
            stamps = [getattr(item, self.last_modified_field) for item in items]
            self._last_modified = max((stamp for stamp in stamps if stamp), default=None)


@extend_schema(tags=["fact-checks"])
@documented(api.FactCheckSerializer, gone=True)
class FactCheckViewSet(PublicReadOnlyViewSet):
    """Published fact-checks: the claim as reviewed, its rating, evidence and appearances."""

    serializer_class = api.FactCheckSerializer
    filterset_class = filtersets.FactCheckFilterSet
    pagination_class = pagination.NewestFirstCursorPagination
    last_modified_field = "updated_at"
    extra_parameters = frozenset({"text", "limit"})

    def get_queryset(self):
        return selectors.public_factchecks()

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            withdrawn = Verdict.objects.filter(
                pk=self.kwargs.get("pk"), state=VerdictState.WITHDRAWN
            ).first()
            if withdrawn is not None:
                raise Gone(
                    f"This fact-check was withdrawn on {withdrawn.withdrawn_at:%Y-%m-%d}."
                ) from None
            raise

    @extend_schema(
        summary="Has this been checked?",
        description="Published fact-checks (ours and imported ones) that check the same claim "
        "as the given text, best first. An empty list when even the best match is not close "
        "enough to say the claim was checked; otherwise the best match and the runners-up, "
        "each with its score.",
        parameters=[
            OpenApiParameter(
                "text",
                str,
                required=True,
                description="A sentence, tweet or paragraph (up to 5,000 characters).",
            ),
            OpenApiParameter(
                "limit", int, description="At most this many results (1-20, default 5)."
            ),
        ],
        responses={200: api.MatchSerializer(many=True), 400: _BAD_REQUEST, 429: _THROTTLED},
    )
    @action(
        detail=False,
        methods=["get"],
        throttle_scope="match",
        filterset_class=None,
        pagination_class=None,
    )
    def match(self, request):
        params = MatchParameters(data=request.query_params)
        params.is_valid(raise_exception=True)
        found = published_index.search(
            params.validated_data["text"], limit=params.validated_data["limit"]
        )
        results = [
            {
                "score": round(score, 4),
                "url": entry.path_or_url
                if entry.fact_check is None
                else request.build_absolute_uri(entry.path_or_url),
                "claim_reviewed": entry.claim_reviewed,
                "rating": entry.rating,
                "publisher": entry.publisher or settings.FACTDESK_ORGANISATION_NAME,
                "date_published": entry.date_published,
                "fact_check": entry.fact_check,
            }
            for entry, score in found
        ]
        return Response(api.MatchSerializer(results, many=True).data)

    @extend_schema(
        summary="ClaimReview feed",
        description="Every published fact-check as schema.org ClaimReview, in the "
        "DataCommons DataFeed shape.",
        responses={200: OpenApiTypes.OBJECT, 400: _BAD_REQUEST, 429: _THROTTLED},
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="claimreview-feed",
        filterset_class=None,
        pagination_class=None,
    )
    def claimreview_feed(self, request):
        verdicts = self.get_queryset().order_by("-published_at", "-id")
        self._remember_last_modified(verdicts)
        return Response(
            claimreview.data_feed(
                claimreview.claim_review(
                    verdict,
                    verdict.group.appearances,
                    url=request.build_absolute_uri(api.public_path(verdict)),
                )
                for verdict in verdicts
            )
        )


class MatchParameters(serializers.Serializer):
    text = serializers.CharField(max_length=5000, trim_whitespace=True)
    limit = serializers.IntegerField(min_value=1, max_value=20, default=5)


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """A URL under the API that names nothing: a 404 in JSON, as the schema documents, rather
    than Django's HTML page (an id the router cannot match, such as ``1e-7``, lands here)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound()


class Gone(NotFound):
    status_code = status.HTTP_410_GONE
    default_detail = "This fact-check was withdrawn."
    default_code = "gone"


@extend_schema(tags=["claims"])
@documented(api.ClaimSerializer)
class ClaimViewSet(PublicReadOnlyViewSet):
    """Claims that belong to a published fact-check (and only those)."""

    serializer_class = api.ClaimSerializer
    filterset_class = filtersets.ClaimFilterSet
    pagination_class = pagination.ClaimCursorPagination
    last_modified_field = "updated_at"

    def get_queryset(self):
        return selectors.public_claims().select_related("source__outlet", "group__verdict")


@extend_schema(tags=["sources"])
@documented(api.SourceSerializer)
class SourceViewSet(PublicReadOnlyViewSet):
    """Articles in which a published fact-check's claim appears (metadata, not their text)."""

    serializer_class = api.SourceSerializer
    filterset_class = filtersets.SourceFilterSet
    pagination_class = pagination.SourceCursorPagination
    last_modified_field = "updated_at"

    def get_queryset(self):
        published = selectors.public_claims().filter(source=OuterRef("pk"))
        return Source.objects.filter(Exists(published)).select_related("outlet")


@extend_schema(tags=["outlets"])
@documented(api.OutletSerializer)
class OutletViewSet(PublicReadOnlyViewSet):
    """Outlets that published an article in which a published fact-check's claim appears."""

    serializer_class = api.OutletSerializer
    filterset_class = filtersets.OutletFilterSet
    pagination_class = pagination.OutletPagination

    def get_queryset(self):
        published = selectors.public_claims().filter(source__outlet=OuterRef("pk"))
        return Outlet.objects.filter(Exists(published)).order_by("name", "id")
