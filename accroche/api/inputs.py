"""One rule for what the API reads, whatever the endpoint: no NUL byte in any text (query
string or JSON), no integer beyond the database's 32-bit columns, no NaN or infinity, a JSON
object as body unless the operation documents a list; decimals with their column's digits
(``decimal_of``); bounded pagination (``Limit``, ``Offset``). A refusal is a 422 in French
naming the field, before any endpoint code runs."""

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Annotated, Any

from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Field, Query
from ninja.errors import ValidationError
from ninja.parser import Parser

# PostgreSQL's `integer`, the narrowest column an integer from a client may reach.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
MAX_OFFSET = 1_000_000

Limit = Annotated[int, Query(ge=1, le=200, description="Nombre de lignes (1 à 200)")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Lignes à sauter")]


def decimal_of(model: type[models.Model], name: str) -> Any:
    """The API type of a decimal stored in ``model.name``: the column's digits and lower
    bound, so that 1e30 (too many digits) and 5.99e-198 (would round to 0.00) are refused."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.DecimalField)
    lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    return Annotated[
        Decimal,
        Field(
            ge=max(lows) if lows else None,
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
            allow_inf_nan=False,
        ),
    ]


def _error(loc: tuple[Any, ...], kind: str) -> ValidationError:
    return ValidationError([{"loc": loc, "type": kind, "msg": kind}])


def _bad_values(value: Any, loc: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
    if isinstance(value, str):
        if "\x00" in value:
            yield {"loc": loc, "type": "string_nul"}
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if not INT_MIN <= value <= INT_MAX:
            yield {"loc": loc, "type": "int_range", "ctx": {"ge": INT_MIN, "le": INT_MAX}}
    elif isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                yield {"loc": loc, "type": "string_nul"}
            yield from _bad_values(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _bad_values(item, (*loc, index))


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)  # NaN, Infinity: not JSON, though Python's json reads them


@cache
def _list_bodies() -> frozenset[tuple[str, str]]:
    """(method, path pattern) of the operations whose documented body is a list."""
    from accroche.api.api import api  # the parser is built before the API it serves

    found = set()
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema", {})
            if schema.get("type") == "array":
                found.add((method.upper(), re.sub(r"\{[^}]+\}", "[^/]+", path)))
    return frozenset(found)


def _accepts_list(request: HttpRequest) -> bool:
    return any(
        method == request.method and re.fullmatch(pattern, request.path)
        for method, pattern in _list_bodies()
    )


class ApiParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        # Errors raised here reach errors.on_http_error wrapped in ninja's 400 (its __cause__).
        data = json.loads(request.body, parse_constant=_refuse_constant)
        if not isinstance(data, dict) and not (isinstance(data, list) and _accepts_list(request)):
            raise _error(("body",), "model_attributes_type")
        if errors := list(_bad_values(data, ("body",))):
            raise ValidationError(errors)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in str(v) for v in values):
                raise _error(("query", key.replace("\x00", "")), "string_nul")
            if not key:  # "?=x": no parameter has an empty name
                raise _error(("query", "__all__"), "query_unnamed")
        return super().parse_querydict(data, list_fields, request)
