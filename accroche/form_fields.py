"""Form fields that the domain's own forms (the reports' filters) and the pages share."""

from typing import Any

from django import forms


class _LoadedChoices(forms.models.ModelChoiceIterator):
    """The menu of a ``LoadedModelChoiceField``, from the objects it read once."""

    field: "LoadedModelChoiceField"

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.objects:
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self.field.objects) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.objects)


class LoadedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for a short menu (a structure's programmes): its queryset is read
    once per form, for the menu, the check of the value sent and the view's default alike.
    Django's own reads it again for each (three queries of a programme's dashboard)."""

    iterator = _LoadedChoices

    def _set_queryset(self, queryset: Any) -> None:
        self._objects: list[Any] | None = None  # read again from a new queryset
        super()._set_queryset(queryset)  # type: ignore[misc]  # Django's property setter

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    @property
    def objects(self) -> list[Any]:
        if self._objects is None:
            self._objects = list(self.queryset) if self.queryset is not None else []
        return self._objects

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for obj in self.objects:
            if str(getattr(obj, key)) == str(value):
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )
