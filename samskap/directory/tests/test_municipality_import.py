from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samskap.directory import klass
from samskap.directory.actions import import_municipalities
from samskap.directory.models import County, Municipality

HEADER = '"code","parentCode","level","name","shortName","presentationName","validFrom","validTo","notes"\n'


def row(code: str, name: str) -> str:
    return f'"{code}",,"1","{name}","","",,,""\n'


@pytest.mark.postgres
def test_reference_data_has_357_municipalities_and_15_counties(reference):
    assert Municipality.objects.filter(active=True).count() == 357
    assert County.objects.count() == 15
    steinkjer = Municipality.objects.get(code="5006")
    assert steinkjer.name == "Steinkjer"
    assert steinkjer.county_id == "50"
    assert steinkjer.population and steinkjer.population > 20000
    assert Municipality.objects.get(code="4631").language_form == "nynorsk"  # Alver
    assert Municipality.objects.get(code="0301").language_form == "neutral"  # Oslo


@pytest.mark.postgres
def test_merger_keeps_retired_codes_as_history(reference, coordinator):
    data = (HEADER + row("5006", "Steinkjer") + row("5007", "Namsos") + row("5099", "Nykommune")).encode()
    report = import_municipalities(data, actor=coordinator.user, allow_retire=True)
    assert report.created == ["5099"]
    assert "5001" in report.retired
    trondheim = Municipality.objects.get(code="5001")
    assert trondheim.active is False and trondheim.valid_to is not None
    assert Municipality.objects.filter(active=True).count() == 3


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER + row("5006", "Steinkjer") + row("50x7", "Namsos"), "Row 3: code '50x7' is not 4 digits"),
        (HEADER + row("5006", "Steinkjer") + row("5006", "Steinkjer"), "Row 3: code 5006 appears twice"),
        ('"kode","navn"\n"5006","Steinkjer"\n', "Row 1: missing column(s) code, name"),
        (HEADER + row("7777", "Ukjent"), "Row 2: county 77 of code 7777 is unknown"),
    ],
)
def test_malformed_file_is_refused_and_nothing_changes(reference, coordinator, content, message):
    before = list(Municipality.objects.order_by("code").values_list("code", "name", "active"))
    with pytest.raises(klass.KlassFormatError) as excinfo:
        import_municipalities(content.encode(), actor=coordinator.user)
    assert message in str(excinfo.value)
    assert list(Municipality.objects.order_by("code").values_list("code", "name", "active")) == before


def test_only_coordinators_may_import(reference, contact_steinkjer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_municipalities((HEADER + row("5006", "Steinkjer")).encode(), actor=contact_steinkjer.user)


def test_command_reports_row_errors(reference, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + row("5006", "Steinkjer") + row("123", "Kort"), encoding="utf-8")
    with pytest.raises(CommandError, match="Row 3: code '123' is not 4 digits"):
        call_command("import_municipalities", str(bad))
    assert Municipality.objects.get(code="5001").active


def test_command_reads_the_shipped_klass_export(reference, tmp_path: Path, capsys):
    from importlib import resources

    data = resources.files("samskap.directory").joinpath("data", "klass131_kommuner.csv").read_bytes()
    path = tmp_path / "klass.csv"
    path.write_bytes(data.decode("utf-8").encode("cp1252", errors="replace"))
    call_command("import_municipalities", str(path))
    assert Municipality.objects.filter(active=True).count() == 357


def _state():
    return list(Municipality.objects.order_by("code").values_list("code", "name", "active", "valid_to"))


@pytest.mark.postgres
def test_a_one_row_file_does_not_retire_the_other_356(reference, coordinator):
    """The review's one-row file retired 356 municipalities and exited 0."""
    from django.utils.translation import override

    from samskap.directory.actions import RetireRefused

    before = _state()
    with override("en"), pytest.raises(RetireRefused, match="would retire 356 of 357 active municipalities"):
        import_municipalities((HEADER + row("5006", "Steinkjer")).encode(), actor=coordinator.user)
    assert _state() == before


def test_retiring_a_few_is_allowed_but_more_than_ten_is_not(reference, coordinator):
    from importlib import resources

    from samskap.directory.actions import MAX_RETIRE, RetireRefused

    lines = resources.files("samskap.directory").joinpath("data", "klass131_kommuner.csv").read_text(
        encoding="utf-8").splitlines(keepends=True)
    header, body = lines[0], [ln for ln in lines[1:] if ln.strip() and '"9999"' not in ln]
    report = import_municipalities((header + "".join(body[:-3])).encode(), actor=coordinator.user)
    assert len(report.retired) == 3
    before = _state()
    with pytest.raises(RetireRefused):
        import_municipalities((header + "".join(body[: -(MAX_RETIRE + 4)])).encode(), actor=coordinator.user)
    assert _state() == before


def test_command_refuses_mass_retirement_and_allows_it_with_the_flag(reference, tmp_path: Path):
    path = tmp_path / "one.csv"
    path.write_text(HEADER + row("5006", "Steinkjer"), encoding="utf-8")
    with pytest.raises(CommandError, match="--allow-retire"):
        call_command("import_municipalities", str(path))
    assert Municipality.objects.filter(active=True).count() == 357
    call_command("import_municipalities", str(path), "--allow-retire")
    assert list(Municipality.objects.filter(active=True).values_list("code", flat=True)) == ["5006"]


def test_command_dry_run_prints_changes_and_writes_nothing(reference, tmp_path: Path, capsys):
    path = tmp_path / "dry.csv"
    path.write_text(HEADER + row("5006", "Steinkjer by") + row("5099", "Nykommune"), encoding="utf-8")
    before = _state()
    call_command("import_municipalities", str(path), "--dry-run", "--allow-retire")
    out = capsys.readouterr().out
    assert "Dry run: nothing was changed." in out
    assert "Would add 5099 Nykommune" in out
    assert "Would rename 5006 Steinkjer -> Steinkjer by" in out
    assert "Would retire 5001 Trondheim" in out
    assert "retire 356" in out
    assert _state() == before


@pytest.mark.parametrize(("data", "message"), [
    (b"\r\x00", "NUL characters"),  # csv.Error: new-line character seen in unquoted field
    (b'code,name\r5006,"' + b"x" * 200_000 + b'"\n', "Unreadable CSV"),  # csv.Error: field larger than limit
    (b"code,name\n5006,Steinkjer\x00\n", "NUL characters"),  # PostgreSQL stores no NUL
    (b"code,name\n5006," + "Å".encode() * 101 + b"\n", "longer than 100 characters"),  # varchar(100)
    ("code,name\n٥٠٠٦,Steinkjer\n".encode(), "is not 4 digits"),  # Arabic-Indic digits matched \d
])
def test_klass_parser_refuses_what_crashed_it(data, message):
    with pytest.raises(klass.KlassFormatError, match=message):
        klass.parse(data, code_length=4)
