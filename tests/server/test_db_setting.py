"""Where sessions are checkpointed: --db, MINDSCOPE_DB, and the user's data directory."""

import subprocess
import sys
from pathlib import Path

import pytest

from mindscope.settings import Settings, SettingsError, default_db_path


def test_the_default_is_under_the_users_data_directory() -> None:
    assert default_db_path({"XDG_DATA_HOME": "/srv/data"}) == Path(
        "/srv/data/mindscope/sessions.db")
    # The XDG spec ignores a relative XDG_DATA_HOME.
    for environ in ({}, {"XDG_DATA_HOME": "relative/path"}):
        assert default_db_path(environ) == Path.home() / ".local/share/mindscope/sessions.db"


def test_the_environment_names_the_file_and_a_flag_overrides_it(tmp_path: Path) -> None:
    env = {"MINDSCOPE_DB": " ~/lessons.db ", "MINDSCOPE_CHECKPOINT_SECONDS": "0.5"}
    settings = Settings.from_env(env)
    assert settings.db_path == Path.home() / "lessons.db" and settings.checkpoint_seconds == 0.5
    assert Settings.from_env(env, db_path=tmp_path / "x.db").db_path == tmp_path / "x.db"


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_path_is_refused_by_name(value: str) -> None:
    with pytest.raises(SettingsError, match=r"--db \(MINDSCOPE_DB\) must name a database file"):
        Settings.from_env({"MINDSCOPE_DB": value})


def test_serve_refuses_a_folder_for_a_database(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mindscope", "serve", "--db", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"--db (MINDSCOPE_DB) must name a database file (its folder is made if missing), " \
           f"got '{tmp_path}'" in result.stderr
